//! A monthly cost as a range, low to high. A single figure is a range whose
//! low equals its high, and is written as a plain number so a hand-written
//! file stays easy: `current: Some(150.0)` or
//! `proposed: Some((low: 485.0, high: 935.0))`.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct CostRange {
    pub low: f64,
    pub high: f64,
}

impl CostRange {
    /// A range of one value.
    pub fn exactly(amount: f64) -> CostRange {
        CostRange {
            low: amount,
            high: amount,
        }
    }

    pub fn is_single(&self) -> bool {
        self.low == self.high
    }
}

impl Serialize for CostRange {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_single() {
            serializer.serialize_f64(self.low)
        } else {
            let mut range = serializer.serialize_struct("CostRange", 2)?;
            range.serialize_field("low", &self.low)?;
            range.serialize_field("high", &self.high)?;
            range.end()
        }
    }
}

impl<'de> Deserialize<'de> for CostRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<CostRange, D::Error> {
        deserializer.deserialize_any(CostRangeVisitor)
    }
}

struct CostRangeVisitor;

fn finite<E: de::Error>(amount: f64) -> Result<f64, E> {
    if amount.is_finite() {
        Ok(amount)
    } else {
        Err(E::custom("a cost must be a finite number such as `120.0`"))
    }
}

impl<'de> Visitor<'de> for CostRangeVisitor {
    type Value = CostRange;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a monthly amount such as `120.0` or a range such as `(low: 100.0, high: 250.0)`")
    }

    fn visit_f64<E: de::Error>(self, amount: f64) -> Result<CostRange, E> {
        finite(amount).map(CostRange::exactly)
    }

    fn visit_i64<E: de::Error>(self, amount: i64) -> Result<CostRange, E> {
        Ok(CostRange::exactly(amount as f64))
    }

    fn visit_u64<E: de::Error>(self, amount: u64) -> Result<CostRange, E> {
        Ok(CostRange::exactly(amount as f64))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CostRange, A::Error> {
        let (mut low, mut high) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            let slot = match key.as_str() {
                "low" => &mut low,
                "high" => &mut high,
                other => return Err(de::Error::unknown_field(other, &["low", "high"])),
            };
            if slot.is_some() {
                return Err(de::Error::custom(format!("`{key}` is given twice in this cost range")));
            }
            *slot = Some(finite(map.next_value::<f64>()?)?);
        }
        let low = low.ok_or_else(|| de::Error::missing_field("low"))?;
        let high = high.ok_or_else(|| de::Error::missing_field("high"))?;
        if low > high {
            return Err(de::Error::custom(format!(
                "this cost range's low ({low}) is above its high ({high}); swap them"
            )));
        }
        Ok(CostRange { low, high })
    }
}
