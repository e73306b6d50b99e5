//! The reader of `terraform show -json` output (HashiCorp's "JSON Output
//! Format", format_version 1.x), for plans and states alike.
//!
//! A plan carries `planned_values` (what will exist after apply),
//! `resource_changes` (what each resource's apply does), `prior_state` and
//! `configuration` (the expressions, hence the references between
//! resources). A state carries `values.root_module` with nested
//! `child_modules`, and each resource's `depends_on`. Both become one
//! [`TerraformDoc`].
//!
//! Sensitive values never leave this module: every attribute marked in
//! `sensitive_values` or `after_sensitive` is dropped while reading, and
//! outputs (which may be sensitive) are not kept at all.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;

/// The largest file the reader accepts. A 5,000-resource state is a few
/// megabytes; anything this size is not one estate's plan or state, and
/// reading it whole would hold the window.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Module calls nested deeper than this are not followed for references
/// (real configurations nest a few levels; a hand-made file could loop).
const MAX_MODULE_DEPTH: usize = 32;

/// Why a file could not be read as Terraform output. Every message names
/// the file, says what was expected and, where the JSON parser knows it,
/// where (line:column).
#[derive(Debug, thiserror::Error)]
pub enum TerraformError {
    #[error("{file}: cannot read the file: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{file}: the file is {size_mb:.1} MB; Strata reads Terraform JSON up to {limit_mb} MB. \
         Import one workspace or module at a time (`terraform show -json` of a smaller plan or state)"
    )]
    TooLarge { file: String, size_mb: f64, limit_mb: u64 },
    #[error(
        "{file}:{line}:{column}: not JSON ({message}). Expected the output of \
         `terraform show -json PLAN_OR_STATE`, not the plan file or .tfstate itself"
    )]
    NotJson {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{file}: JSON, but not Terraform output: {what}. Expected the output of \
         `terraform show -json PLAN_OR_STATE` (an object with \"format_version\" and \
         \"planned_values\" for a plan or \"values\" for a state)"
    )]
    NotTerraform { file: String, what: String },
    #[error(
        "{file}: written by a newer Terraform (JSON format_version {found}); this Strata reads format 1.x. \
         Export with a Terraform whose `show -json` prints format 1.x, or update Strata"
    )]
    NewerFormat { file: String, found: String },
    #[error("{file}:{line}:{column}: Terraform output of an unexpected shape: {message}")]
    Shape {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{file}: the {kind} has no resources, so there is nothing to import. \
         Run `terraform show -json` on a plan or state of a configuration that declares resources"
    )]
    NoResources { file: String, kind: &'static str },
}

/// Whether the file was a plan or a state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    Plan,
    State,
}

impl DocKind {
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Plan => "plan",
            DocKind::State => "state",
        }
    }
}

/// A plan or a state, reduced to what an architecture needs.
#[derive(Clone, Debug, PartialEq)]
pub struct TerraformDoc {
    pub kind: DocKind,
    pub format_version: String,
    pub terraform_version: String,
    /// Every resource instance (managed and data), in file order.
    pub resources: Vec<TfResource>,
    /// Resource-to-resource references, by configuration address (no
    /// instance keys): from the configuration's expressions and
    /// `depends_on` for a plan, from each resource's `depends_on` for a
    /// state. Deduplicated, sorted, no self-references.
    pub references: Vec<TfReference>,
    /// Provider configuration key (`aws`, `aws.west`) → region, where the
    /// configuration states one as a constant.
    pub provider_regions: BTreeMap<String, String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceMode {
    Managed,
    Data,
}

/// A resource instance's key: `count` gives a number, `for_each` a string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResourceIndex {
    Count(i64),
    Key(String),
}

/// One resource instance.
#[derive(Clone, Debug, PartialEq)]
pub struct TfResource {
    /// The full instance address, e.g. `module.net.aws_subnet.private["a"]`.
    pub address: String,
    /// The module instance it lives in (`module.net`), empty at the root.
    pub module_address: String,
    pub mode: ResourceMode,
    pub resource_type: String,
    pub name: String,
    pub index: Option<ResourceIndex>,
    /// e.g. `registry.terraform.io/hashicorp/aws`.
    pub provider_name: String,
    /// The attributes (planned for a plan, current for a state), with every
    /// sensitive one removed; values unknown until apply are absent.
    pub values: Value,
    /// A plan's actions for this instance (`["create"]`, `["no-op"]`, ...);
    /// empty for a state.
    pub actions: Vec<String>,
}

impl TfResource {
    /// The address without instance keys (`module.net.aws_subnet.private`):
    /// what the configuration, references and `count`/`for_each` folding
    /// speak of.
    pub fn config_address(&self) -> String {
        strip_instance_keys(&self.address)
    }

    /// A string attribute, if the resource has it.
    pub fn text(&self, attribute: &str) -> Option<&str> {
        self.values.get(attribute).and_then(Value::as_str)
    }
}

/// `from` refers to (depends on) `to`; both configuration addresses.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TfReference {
    pub from: String,
    pub to: String,
    /// Where `from` states it: the top-level argument (`vpc_id`, a nested
    /// block's name), or `depends_on`, `count`, `for_each`. A state records
    /// every dependency as `depends_on`.
    pub via: String,
}

/// Reads `path`, refusing files over [`MAX_FILE_BYTES`] before reading them.
pub fn read_file(path: &Path) -> Result<TerraformDoc, TerraformError> {
    let file = path.display().to_string();
    let io = |source| TerraformError::Io {
        file: file.clone(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(TerraformError::TooLarge {
            file,
            size_mb: size as f64 / (1024.0 * 1024.0),
            limit_mb: MAX_FILE_BYTES / (1024 * 1024),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    parse(&bytes, &file)
}

/// Parses `terraform show -json` output; `file` names it in errors.
pub fn parse(bytes: &[u8], file: &str) -> Result<TerraformDoc, TerraformError> {
    let probe: Probe = serde_json::from_slice(bytes).map_err(|error| first_pass_error(&error, file))?;
    let format_version = check_format(&probe, file)?;
    let raw: RawDoc = serde_json::from_slice(bytes).map_err(|error| TerraformError::Shape {
        file: file.to_string(),
        line: error.line(),
        column: error.column(),
        message: error.to_string(),
    })?;
    let kind = if probe.is_plan() { DocKind::Plan } else { DocKind::State };
    let resources = match kind {
        DocKind::Plan => plan_resources(&raw),
        DocKind::State => raw.values.as_ref().map(state_resources).unwrap_or_default(),
    };
    if resources.is_empty() {
        return Err(TerraformError::NoResources {
            file: file.to_string(),
            kind: kind.label(),
        });
    }
    let references = match &raw.configuration {
        Some(configuration) if kind == DocKind::Plan => configuration_references(configuration),
        _ => Vec::new(),
    };
    let references = merge_references(references, state_depends_on(&raw, kind));
    Ok(TerraformDoc {
        kind,
        format_version,
        terraform_version: raw.terraform_version,
        resources,
        references,
        provider_regions: raw.configuration.as_ref().map(provider_regions).unwrap_or_default(),
    })
}

/// The first pass reads only the top-level keys, so that a newer major
/// format is refused before its (possibly different) shape is parsed.
#[derive(Deserialize)]
struct Probe {
    format_version: Option<Value>,
    planned_values: Option<IgnoredAny>,
    resource_changes: Option<IgnoredAny>,
    configuration: Option<IgnoredAny>,
    values: Option<IgnoredAny>,
}

impl Probe {
    fn is_plan(&self) -> bool {
        self.planned_values.is_some() || self.resource_changes.is_some() || self.configuration.is_some()
    }
}

fn first_pass_error(error: &serde_json::Error, file: &str) -> TerraformError {
    use serde_json::error::Category;
    match error.classify() {
        Category::Syntax | Category::Eof | Category::Io => TerraformError::NotJson {
            file: file.to_string(),
            line: error.line(),
            column: error.column(),
            message: error
                .to_string()
                .split(" at line")
                .next()
                .unwrap_or_default()
                .to_string(),
        },
        Category::Data => TerraformError::NotTerraform {
            file: file.to_string(),
            what: "the top level is not an object".to_string(),
        },
    }
}

fn check_format(probe: &Probe, file: &str) -> Result<String, TerraformError> {
    let not_terraform = |what: &str| TerraformError::NotTerraform {
        file: file.to_string(),
        what: what.to_string(),
    };
    let version = match &probe.format_version {
        Some(Value::String(version)) => version.clone(),
        Some(_) => return Err(not_terraform("\"format_version\" is not a string")),
        None => return Err(not_terraform("it has no \"format_version\"")),
    };
    let major = version.split('.').next().and_then(|major| major.parse::<u64>().ok());
    match major {
        Some(1) => {}
        Some(0) | None => {
            return Err(not_terraform(&format!(
                "\"format_version\" is {version:?}, not a version such as \"1.2\""
            )));
        }
        Some(_) => {
            return Err(TerraformError::NewerFormat {
                file: file.to_string(),
                found: version,
            });
        }
    }
    if !probe.is_plan() && probe.values.is_none() {
        // `terraform show -json` of an empty state prints only the version.
        return Err(TerraformError::NoResources {
            file: file.to_string(),
            kind: "state",
        });
    }
    Ok(version)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawDoc {
    terraform_version: String,
    planned_values: Option<RawValues>,
    values: Option<RawValues>,
    resource_changes: Vec<RawChange>,
    prior_state: Option<RawState>,
    configuration: Option<RawConfiguration>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawState {
    values: Option<RawValues>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawValues {
    root_module: RawModule,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawModule {
    address: String,
    resources: Vec<RawResource>,
    child_modules: Vec<RawModule>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawResource {
    address: String,
    mode: String,
    #[serde(rename = "type")]
    resource_type: String,
    name: String,
    index: Option<Value>,
    provider_name: String,
    values: Value,
    sensitive_values: Value,
    depends_on: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawChange {
    address: String,
    module_address: String,
    mode: String,
    #[serde(rename = "type")]
    resource_type: String,
    name: String,
    index: Option<Value>,
    provider_name: String,
    change: RawChangeBody,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawChangeBody {
    actions: Vec<String>,
    after: Value,
    after_sensitive: Value,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawConfiguration {
    provider_config: BTreeMap<String, RawProviderConfig>,
    root_module: RawConfigModule,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawProviderConfig {
    expressions: Value,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawConfigModule {
    resources: Vec<RawConfigResource>,
    module_calls: BTreeMap<String, RawModuleCall>,
    outputs: BTreeMap<String, RawConfigOutput>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawConfigResource {
    mode: String,
    #[serde(rename = "type")]
    resource_type: String,
    name: String,
    expressions: Value,
    count_expression: Value,
    for_each_expression: Value,
    depends_on: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawModuleCall {
    expressions: Value,
    module: RawConfigModule,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawConfigOutput {
    expression: Value,
    depends_on: Vec<String>,
}

fn mode_of(mode: &str) -> ResourceMode {
    if mode == "data" {
        ResourceMode::Data
    } else {
        ResourceMode::Managed
    }
}

fn index_of(index: &Option<Value>) -> Option<ResourceIndex> {
    match index {
        Some(Value::Number(number)) => number.as_i64().map(ResourceIndex::Count),
        Some(Value::String(key)) => Some(ResourceIndex::Key(key.clone())),
        _ => None,
    }
}

/// A resource from a values representation (a state, a plan's planned
/// values or prior state), its sensitive attributes removed.
fn resource_from(raw: &RawResource, module_address: &str) -> TfResource {
    let mut values = raw.values.clone();
    drop_sensitive(&mut values, &raw.sensitive_values);
    TfResource {
        address: raw.address.clone(),
        module_address: module_address.to_string(),
        mode: mode_of(&raw.mode),
        resource_type: raw.resource_type.clone(),
        name: raw.name.clone(),
        index: index_of(&raw.index),
        provider_name: raw.provider_name.clone(),
        values,
        actions: Vec::new(),
    }
}

fn state_resources(values: &RawValues) -> Vec<TfResource> {
    let mut out = Vec::new();
    collect_module(&values.root_module, &mut out);
    out
}

fn collect_module(module: &RawModule, out: &mut Vec<TfResource>) {
    out.extend(module.resources.iter().map(|raw| resource_from(raw, &module.address)));
    for child in &module.child_modules {
        collect_module(child, out);
    }
}

/// A plan's resources: its planned values, each with its actions and with
/// what `after_sensitive` marks removed too; a plan without planned values
/// falls back on its changes' `after`, then on its prior state.
fn plan_resources(raw: &RawDoc) -> Vec<TfResource> {
    let changes: BTreeMap<&str, &RawChange> = raw
        .resource_changes
        .iter()
        .map(|change| (change.address.as_str(), change))
        .collect();
    let mut resources = raw.planned_values.as_ref().map(state_resources).unwrap_or_default();
    if resources.is_empty() {
        resources = raw
            .resource_changes
            .iter()
            .filter(|change| !change.change.after.is_null())
            .map(resource_from_change)
            .collect();
    }
    if resources.is_empty()
        && let Some(prior) = raw.prior_state.as_ref().and_then(|prior| prior.values.as_ref())
    {
        resources = state_resources(prior);
    }
    for resource in &mut resources {
        if let Some(change) = changes.get(resource.address.as_str()) {
            resource.actions = change.change.actions.clone();
            drop_sensitive(&mut resource.values, &change.change.after_sensitive);
        }
    }
    resources
}

fn resource_from_change(change: &RawChange) -> TfResource {
    let mut values = change.change.after.clone();
    drop_sensitive(&mut values, &change.change.after_sensitive);
    TfResource {
        address: change.address.clone(),
        module_address: change.module_address.clone(),
        mode: mode_of(&change.mode),
        resource_type: change.resource_type.clone(),
        name: change.name.clone(),
        index: index_of(&change.index),
        provider_name: change.provider_name.clone(),
        values,
        actions: change.change.actions.clone(),
    }
}

/// Removes from `values` everything `mask` marks `true`: the mask mirrors
/// the values' shape (objects by key, lists by position). A sensitive list
/// element becomes null so the others keep their positions.
pub fn drop_sensitive(values: &mut Value, mask: &Value) {
    match (values, mask) {
        (values, Value::Bool(true)) => *values = Value::Null,
        (Value::Object(fields), Value::Object(marks)) => {
            for (key, mark) in marks {
                if mark == &Value::Bool(true) {
                    fields.remove(key);
                } else if let Some(field) = fields.get_mut(key) {
                    drop_sensitive(field, mark);
                }
            }
        }
        (Value::Array(items), Value::Array(marks)) => {
            for (item, mark) in items.iter_mut().zip(marks) {
                drop_sensitive(item, mark);
            }
        }
        _ => {}
    }
}

/// `aws_subnet.private["a"]` → `aws_subnet.private`; keys inside module
/// addresses go too (`module.db[0].aws_db_instance.main` →
/// `module.db.aws_db_instance.main`). Brackets inside quoted keys are kept
/// out of the count.
pub fn strip_instance_keys(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for character in address.chars() {
        if depth > 0 {
            if in_string {
                match character {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
            } else {
                match character {
                    '"' => in_string = true,
                    '[' => depth += 1,
                    ']' => depth -= 1,
                    _ => {}
                }
            }
        } else if character == '[' {
            depth = 1;
        } else {
            out.push(character);
        }
    }
    out
}

/// The dot-separated steps of a reference, instance keys removed:
/// `module.m["x"].aws_x.y[0].id` → `module`, `m`, `aws_x`, `y`, `id`.
fn steps(reference: &str) -> Vec<String> {
    strip_instance_keys(reference)
        .split('.')
        .filter(|step| !step.is_empty())
        .map(str::to_string)
        .collect()
}

/// The resource a configuration address names (module prefix and resource
/// kept, attributes dropped), if it names one: `module.m.aws_x.y.id` →
/// `module.m.aws_x.y`, `data.aws_ami.ubuntu.id` → `data.aws_ami.ubuntu`.
pub fn resource_address_of(reference: &str) -> Option<String> {
    let steps = steps(reference);
    let mut at = 0;
    let mut prefix = String::new();
    while steps.get(at).map(String::as_str) == Some("module") {
        let name = steps.get(at + 1)?;
        prefix.push_str(&format!("module.{name}."));
        at += 2;
    }
    local_resource(&steps[at..]).map(|local| format!("{prefix}{local}"))
}

/// `aws_x.y...` → `aws_x.y`, `data.t.n...` → `data.t.n`; `var`, `local` and
/// the other non-resource roots → none.
fn local_resource(steps: &[String]) -> Option<String> {
    match steps.first().map(String::as_str)? {
        "var" | "local" | "count" | "each" | "path" | "terraform" | "self" | "module" => None,
        "data" => match steps {
            [_, kind, name, ..] => Some(format!("data.{kind}.{name}")),
            _ => None,
        },
        _ => match steps {
            [kind, name, ..] => Some(format!("{kind}.{name}")),
            _ => None,
        },
    }
}

/// A module in the configuration, as seen from where it is called.
struct Frame<'a> {
    module: &'a RawConfigModule,
    /// `module.a.module.b.` (empty at the root).
    prefix: String,
    /// The arguments of the call that instantiated it (`var.x` reads them).
    call: Option<&'a Value>,
}

/// Every resource-to-resource reference the configuration states, through
/// module calls (a module's `var.x` follows the call's argument, a
/// `module.m.out` follows the module's output).
fn configuration_references(configuration: &RawConfiguration) -> Vec<TfReference> {
    let mut out = BTreeSet::new();
    let mut stack = vec![Frame {
        module: &configuration.root_module,
        prefix: String::new(),
        call: None,
    }];
    walk_module(&mut stack, &mut out);
    out.into_iter().collect()
}

fn walk_module<'a>(stack: &mut Vec<Frame<'a>>, out: &mut BTreeSet<TfReference>) {
    let Some(frame) = stack.last() else { return };
    let module = frame.module;
    let prefix = frame.prefix.clone();
    for resource in &module.resources {
        let local = if resource.mode == "data" {
            format!("data.{}.{}", resource.resource_type, resource.name)
        } else {
            format!("{}.{}", resource.resource_type, resource.name)
        };
        let from = format!("{prefix}{local}");
        let mut raw: Vec<(String, String)> = Vec::new();
        if let Value::Object(arguments) = &resource.expressions {
            for (argument, expression) in arguments {
                let mut found = Vec::new();
                collect_references(expression, &mut found);
                raw.extend(found.into_iter().map(|reference| (argument.clone(), reference)));
            }
        }
        for (via, expression) in [
            ("count", &resource.count_expression),
            ("for_each", &resource.for_each_expression),
        ] {
            let mut found = Vec::new();
            collect_references(expression, &mut found);
            raw.extend(found.into_iter().map(|reference| (via.to_string(), reference)));
        }
        raw.extend(
            resource
                .depends_on
                .iter()
                .map(|reference| ("depends_on".to_string(), reference.clone())),
        );
        for (via, reference) in raw {
            for to in resolve(stack, stack.len() - 1, &reference, 0) {
                if to != from {
                    out.insert(TfReference {
                        from: from.clone(),
                        to,
                        via: via.clone(),
                    });
                }
            }
        }
    }
    if stack.len() > MAX_MODULE_DEPTH {
        return;
    }
    for (name, call) in &module.module_calls {
        stack.push(Frame {
            module: &call.module,
            prefix: format!("{prefix}module.{name}."),
            call: Some(&call.expressions),
        });
        walk_module(stack, out);
        stack.pop();
    }
}

/// Every `references` array anywhere in an expression (nested blocks
/// included).
fn collect_references(expression: &Value, out: &mut Vec<String>) {
    match expression {
        Value::Object(fields) => {
            for (key, value) in fields {
                match (key.as_str(), value) {
                    ("references", Value::Array(items)) => {
                        out.extend(items.iter().filter_map(Value::as_str).map(str::to_string));
                    }
                    _ => collect_references(value, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_references(item, out)),
        _ => {}
    }
}

/// The resources a reference made in `stack[level]` stands for.
fn resolve(stack: &[Frame], level: usize, reference: &str, depth: usize) -> Vec<String> {
    let Some(frame) = stack.get(level) else {
        return Vec::new();
    };
    if depth > MAX_MODULE_DEPTH {
        return Vec::new();
    }
    let steps = steps(reference);
    match steps.first().map(String::as_str) {
        Some("var") => {
            // The module's input: whatever the caller passed, as the caller sees it.
            let (Some(name), Some(call), Some(parent)) = (steps.get(1), frame.call, level.checked_sub(1)) else {
                return Vec::new();
            };
            let mut raw = Vec::new();
            if let Some(argument) = call.get(name) {
                collect_references(argument, &mut raw);
            }
            raw.iter()
                .flat_map(|inner| resolve(stack, parent, inner, depth + 1))
                .collect()
        }
        Some("module") => resolve_module_reference(stack, level, &steps, depth),
        _ => local_resource(&steps)
            .map(|local| vec![format!("{}{local}", frame.prefix)])
            .unwrap_or_default(),
    }
}

/// `module.m.out` → what output `out` of module `m` refers to; `module.m`
/// alone (in `depends_on`) → every resource of `m`.
fn resolve_module_reference(stack: &[Frame], level: usize, steps: &[String], depth: usize) -> Vec<String> {
    let frame = &stack[level];
    let Some(name) = steps.get(1) else { return Vec::new() };
    let Some(call) = frame.module.module_calls.get(name) else {
        return Vec::new();
    };
    let child = Frame {
        module: &call.module,
        prefix: format!("{}module.{name}.", frame.prefix),
        call: Some(&call.expressions),
    };
    let mut inner_stack: Vec<Frame> = stack[..=level]
        .iter()
        .map(|frame| Frame {
            module: frame.module,
            prefix: frame.prefix.clone(),
            call: frame.call,
        })
        .collect();
    let Some(output_name) = steps.get(2) else {
        let mut all = Vec::new();
        all_resources(&child, &mut all, depth);
        return all;
    };
    let Some(output) = call.module.outputs.get(output_name) else {
        return Vec::new();
    };
    let mut raw = Vec::new();
    collect_references(&output.expression, &mut raw);
    raw.extend(output.depends_on.iter().cloned());
    inner_stack.push(child);
    let child_level = inner_stack.len() - 1;
    raw.iter()
        .flat_map(|inner| resolve(&inner_stack, child_level, inner, depth + 1))
        .collect()
}

fn all_resources(frame: &Frame, out: &mut Vec<String>, depth: usize) {
    if depth > MAX_MODULE_DEPTH {
        return;
    }
    for resource in &frame.module.resources {
        if resource.mode != "data" {
            out.push(format!("{}{}.{}", frame.prefix, resource.resource_type, resource.name));
        }
    }
    for (name, call) in &frame.module.module_calls {
        let child = Frame {
            module: &call.module,
            prefix: format!("{}module.{name}.", frame.prefix),
            call: Some(&call.expressions),
        };
        all_resources(&child, out, depth + 1);
    }
}

/// A state's (or a plan's prior state's) recorded dependencies: absolute
/// configuration addresses in each resource's `depends_on`.
fn state_depends_on(raw: &RawDoc, kind: DocKind) -> Vec<TfReference> {
    let values = match kind {
        DocKind::State => raw.values.as_ref(),
        DocKind::Plan => raw.prior_state.as_ref().and_then(|prior| prior.values.as_ref()),
    };
    let mut out = Vec::new();
    if let Some(values) = values {
        depends_on_in(&values.root_module, &mut out);
    }
    out
}

fn depends_on_in(module: &RawModule, out: &mut Vec<TfReference>) {
    for resource in &module.resources {
        let from = strip_instance_keys(&resource.address);
        for dependency in &resource.depends_on {
            if let Some(to) = resource_address_of(dependency) {
                out.push(TfReference {
                    from: from.clone(),
                    to,
                    via: "depends_on".to_string(),
                });
            }
        }
    }
    for child in &module.child_modules {
        depends_on_in(child, out);
    }
}

fn merge_references(mut references: Vec<TfReference>, more: Vec<TfReference>) -> Vec<TfReference> {
    references.extend(more);
    references.retain(|reference| reference.from != reference.to);
    references.sort();
    references.dedup();
    references
}

fn provider_regions(configuration: &RawConfiguration) -> BTreeMap<String, String> {
    configuration
        .provider_config
        .iter()
        .filter_map(|(key, provider)| {
            let region = provider.expressions.get("region")?.get("constant_value")?.as_str()?;
            Some((key.clone(), region.to_string()))
        })
        .collect()
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
