//! Replies as servers may send them, made from a documented one: the generated example
//! tests check that each documented output still decodes when a server nulls a field,
//! leaves one out, writes an integer as `2.0` or `"2"`, a boolean as `"true"`, adds a
//! field, puts a `null` in a list, or sends a value a closed value set does not list — and
//! that each change is reported at its path.
//! Not part of the API a user calls (hidden from the docs).

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::decode::{decode_value, Deviation, DeviationKind, Documented, Field, Shape};

/// One change to a reply: the changed `Response` object, where it changed, and the
/// deviation decoding must report there (`None`: none at that path, for a `null` on a
/// field documented as nullable).
pub(crate) struct Perturbation {
    pub reply: Value,
    pub path: String,
    pub expected: Option<DeviationKind>,
}

impl Perturbation {
    /// Whether these deviations report the change as expected.
    pub fn reported_by(&self, deviations: &[Deviation]) -> Result<(), String> {
        let here: Vec<&DeviationKind> = deviations.iter().filter(|d| d.path == self.path).map(|d| &d.kind).collect();
        let fine = match &self.expected {
            Some(kind) => here.contains(&kind),
            None => here.is_empty(),
        };
        if fine {
            Ok(())
        } else {
            Err(format!(
                "{}: expected {:?} there, decoding reported {here:?} for {}",
                self.path, self.expected, self.reply
            ))
        }
    }
}

/// Every perturbation of the documented `response` (the object under `Response`) of `T`.
pub(crate) fn perturbations<T: Documented>(response: &Value) -> Vec<Perturbation> {
    let mut all = Vec::new();
    let mut edits = Edits { root: response, out: &mut all };
    edits.object(&mut Vec::new(), "Response", T::fields(), response);
    all
}

/// Every perturbation of the documented `response` (the object under `Response`) decodes
/// leniently into `T`, and reports the change at its path. Returns how many were checked,
/// or what went wrong.
pub fn check_perturbations<T: Documented>(response: &Value) -> Result<usize, String> {
    let all = perturbations::<T>(response);
    for perturbation in &all {
        let (reply, path) = (&perturbation.reply, &perturbation.path);
        let decoded = decode_value::<T>(reply.clone(), "Response")
            .map_err(|(at, e)| format!("{path}: the perturbed reply does not decode ({at}: {e}): {reply}"))?;
        perturbation.reported_by(&decoded.deviations)?;
    }
    Ok(all.len())
}

/// The check of a documented output (`{"Response": …}`) the generated example tests make:
/// it decodes into `T` as the client decodes replies; decoding reports a contradiction of
/// the tables exactly when the generator found one (`fits_the_tables` false); the response
/// serializes and reads back the same; and every perturbation decodes and is reported at
/// its path. Returns how many perturbations were checked.
pub fn check_documented_output<T>(output: &Value, fits_the_tables: bool) -> Result<usize, String>
where
    T: Documented + DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let response = output.get("Response").ok_or("the output has no `Response` object")?;
    let decoded = decode_value::<T>(response.clone(), "Response")
        .map_err(|(at, e)| format!("the output does not decode ({at}: {e})"))?;
    let contradictions: Vec<String> =
        decoded.deviations.iter().filter(|d| d.kind.is_contradiction()).map(ToString::to_string).collect();
    match (fits_the_tables, contradictions.is_empty()) {
        (true, false) => {
            return Err(format!("the example fits its output table, but decoding says {contradictions:?}"))
        }
        (false, true) => return Err("the page's own example contradicts its output table, decoding sees none".into()),
        _ => {}
    }
    let json = serde_json::to_value(&decoded.value).map_err(|e| format!("the response does not serialize: {e}"))?;
    let again: T =
        serde_json::from_value(json).map_err(|e| format!("the serialized response does not read back: {e}"))?;
    if again != decoded.value {
        return Err(format!("the response reads back otherwise: {again:?} != {:?}", decoded.value));
    }
    check_perturbations::<T>(response)
}

/// A location in the reply: object keys and list indexes below `Response`.
#[derive(Clone)]
enum Step {
    Key(&'static str),
    Index(usize),
}

struct Edits<'a> {
    root: &'a Value,
    out: &'a mut Vec<Perturbation>,
}

impl Edits<'_> {
    /// The reply with the value at `steps` replaced by `edit` of it.
    fn with(&mut self, steps: &[Step], path: String, expected: Option<DeviationKind>, edit: impl FnOnce(&mut Value)) {
        let mut reply = self.root.clone();
        let mut at = &mut reply;
        for step in steps {
            at = match step {
                Step::Key(k) => &mut at[*k],
                Step::Index(i) => &mut at[*i],
            };
        }
        edit(at);
        self.out.push(Perturbation { reply, path, expected });
    }

    fn object(&mut self, steps: &mut Vec<Step>, path: &str, fields: &'static [Field], value: &Value) {
        let Value::Object(map) = value else { return };
        let added = format!("{path}.UndocumentedByTheTables");
        self.with(steps, added, Some(DeviationKind::Undocumented), |v| {
            v["UndocumentedByTheTables"] = Value::from(1);
        });
        for field in fields {
            let Some(present) = map.get(field.name) else { continue };
            if present.is_null() {
                continue;
            }
            let at = format!("{path}.{}", field.name);
            let name = field.name;
            let (null, dropped) = if field.optional {
                (None, DeviationKind::Absent)
            } else if matches!(field.shape, Shape::Any) {
                (None, DeviationKind::Missing)
            } else {
                (Some(DeviationKind::Null), DeviationKind::Missing)
            };
            self.with(steps, at.clone(), null, |v| v[name] = Value::Null);
            self.with(steps, at.clone(), Some(dropped), |v| {
                if let Some(map) = v.as_object_mut() {
                    map.remove(name);
                }
            });
            steps.push(Step::Key(field.name));
            self.value(steps, &at, &field.shape, present);
            steps.pop();
        }
    }

    fn value(&mut self, steps: &mut Vec<Step>, path: &str, shape: &Shape, value: &Value) {
        match (shape, value) {
            (Shape::Integer | Shape::IntegerIn(_), Value::Number(n)) if n.is_i64() => {
                let n = n.as_i64().unwrap_or_default();
                self.with(steps, path.into(), Some(DeviationKind::Reformatted), |v| *v = Value::from(n as f64));
                self.with(steps, path.into(), Some(DeviationKind::Reformatted), |v| *v = Value::from(n.to_string()));
                if let Shape::IntegerIn(values) = shape {
                    let mut other = values.iter().max().copied().unwrap_or_default().saturating_add(1);
                    if values.contains(&other) {
                        other = values.iter().min().copied().unwrap_or_default().saturating_sub(1);
                    }
                    self.with(steps, path.into(), Some(DeviationKind::UndocumentedValue), |v| *v = Value::from(other));
                }
            }
            // A value the page does not list: kept (`Other`), reported.
            (Shape::StringIn(values), Value::String(present)) => {
                let mut other = format!("{present}_UNDOCUMENTED");
                while values.contains(&other.as_str()) {
                    other.push('_');
                }
                self.with(steps, path.into(), Some(DeviationKind::UndocumentedValue), |v| *v = Value::from(other));
            }
            (Shape::Boolean, Value::Bool(b)) => {
                let b = *b;
                self.with(steps, path.into(), Some(DeviationKind::Reformatted), |v| *v = Value::from(b.to_string()));
            }
            (Shape::List(inner), Value::Array(items)) => {
                if !matches!(inner, Shape::Any) {
                    let at = format!("{path}[{}]", items.len());
                    self.with(steps, at, Some(DeviationKind::NullElement), |v| {
                        if let Some(list) = v.as_array_mut() {
                            list.push(Value::Null);
                        }
                    });
                }
                // The first element stands for the others.
                if let Some(first) = items.first() {
                    steps.push(Step::Index(0));
                    self.value(steps, &format!("{path}[0]"), inner, first);
                    steps.pop();
                }
            }
            (Shape::Object(fields), Value::Object(_)) => self.object(steps, path, fields(), value),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{wire_struct, Wire, WireError};
    use serde_json::json;

    #[derive(Debug)]
    #[allow(dead_code)]
    struct Item {
        on: bool,
    }

    wire_struct!(Item { on: "On" });

    impl Documented for Item {
        fn fields() -> &'static [Field] {
            const F: &[Field] = &[Field { name: "On", shape: Shape::Boolean, optional: false }];
            F
        }
    }

    #[derive(Debug)]
    #[allow(dead_code)]
    struct Reply {
        total: i64,
        items: Vec<Item>,
        note: Option<String>,
    }

    wire_struct!(Reply { total: "Total", items: "Items", note: "Note" });

    impl Documented for Reply {
        fn fields() -> &'static [Field] {
            const F: &[Field] = &[
                Field { name: "Total", shape: Shape::Integer, optional: false },
                Field { name: "Items", shape: Shape::List(&Shape::Object(Item::fields)), optional: false },
                Field { name: "Note", shape: Shape::String, optional: true },
            ];
            F
        }
    }

    #[test]
    fn every_perturbation_is_decoded_and_reported() {
        let reply = json!({"Total": 2, "Items": [{"On": true}, {"On": false}], "Note": "n"});
        // Response: 1 undocumented; Total: null, drop, 2.0, "2"; Items: null, drop, a null
        // element; Items[0]: 1 undocumented; On: null, drop, "true"; Note: null, drop.
        assert_eq!(check_perturbations::<Reply>(&reply), Ok(14));
    }

    #[test]
    fn every_closed_value_set_gets_an_undocumented_value() {
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Stated {
            state: String,
            code: i64,
        }
        wire_struct!(Stated { state: "State", code: "Code" });
        impl Documented for Stated {
            fn fields() -> &'static [Field] {
                const F: &[Field] = &[
                    Field { name: "State", shape: Shape::StringIn(&["BIND", "BIND_UNDOCUMENTED"]), optional: false },
                    Field { name: "Code", shape: Shape::IntegerIn(&[0, i64::MAX]), optional: false },
                ];
                F
            }
        }
        let reply = json!({"State": "BIND", "Code": 0});
        let all = perturbations::<Stated>(&reply);
        let odd: Vec<&Value> =
            all.iter().filter(|p| p.expected == Some(DeviationKind::UndocumentedValue)).map(|p| &p.reply).collect();
        assert_eq!(odd, [&json!({"State": "BIND_UNDOCUMENTED_", "Code": 0}), &json!({"State": "BIND", "Code": -1})]);
        // Response: 1 undocumented; State: null, drop, a value; Code: null, drop, 0.0, "0", a value.
        assert_eq!(check_perturbations::<Stated>(&reply), Ok(9));
    }

    #[test]
    fn a_perturbation_that_is_not_reported_fails() {
        // A structure that claims `Total` is optional while serde requires it: dropping it
        // is reported as absent, but serde then refuses the reply.
        struct Wrong;
        impl Wire for Wrong {
            fn to_wire(&self) -> Value {
                Value::Null
            }
            fn from_wire(_: &Value) -> Result<Self, WireError> {
                Ok(Wrong)
            }
        }
        impl Documented for Wrong {
            fn fields() -> &'static [Field] {
                const F: &[Field] = &[Field { name: "Total", shape: Shape::Integer, optional: true }];
                F
            }
        }
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Strict {
            total: i64,
        }
        wire_struct!(Strict { total: "Total" });
        impl Documented for Strict {
            fn fields() -> &'static [Field] {
                Wrong::fields()
            }
        }
        let err = check_perturbations::<Strict>(&json!({"Total": 1})).unwrap_err();
        assert!(err.contains("does not decode"), "{err}");
    }
}
