//! Request bodies the benchmarks read, generated deterministically so every run reads the same bytes.

use ppio_types::{Env, NetworkVolume, UpgradeInstanceRequest, VolumeMount};
use serde_json::{Value, json};

/// A named request body and whether the request rules accept it.
#[derive(Debug, Clone)]
pub struct Payload {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    pub valid: bool,
}

/// Returns the four library payloads, in the order the benchmark groups run.
pub fn library_payloads() -> Vec<Payload> {
    vec![
        Payload {
            name: "typical",
            bytes: typical(),
            valid: true,
        },
        Payload {
            name: "maximal",
            bytes: maximal(),
            valid: true,
        },
        Payload {
            name: "cjk_heavy",
            bytes: cjk_heavy(),
            valid: true,
        },
        Payload {
            name: "many_violations",
            bytes: many_violations(),
            valid: false,
        },
    ]
}

/// Builds a request of about 1 KB with 10 environment variables and 2 mounts, compact as a client
/// sends it.
pub fn typical() -> Vec<u8> {
    let mut random = SplitMix64::new(1);
    let request = realistic_request(&mut random, 10, 2);
    serde_json::to_vec(&request).expect("the request types always serialize")
}

/// Builds the largest valid request: 100 variables with 511-character keys and 4095-character values,
/// 30 mounts with 4095-character paths, and `command` and `entrypoint` at 2047 characters.
pub fn maximal() -> Vec<u8> {
    let mut random = SplitMix64::new(2);
    let request = bounded_request(&mut random, 0);
    serde_json::to_vec(&request).expect("the request types always serialize")
}

/// Builds a valid request whose strings are mostly CJK ideographs, three UTF-8 bytes per character.
pub fn cjk_heavy() -> Vec<u8> {
    let mut random = SplitMix64::new(3);
    let envs = (0..CJK_ENV_COUNT)
        .map(|_| Env {
            key: Some(cjk_text(&mut random, 32)),
            value: Some(cjk_text(&mut random, 800)),
        })
        .collect();
    let volume_mounts = (0..5)
        .map(|index| VolumeMount {
            type_: "network".to_owned(),
            id: format!("nv-{index:04}"),
            mount_path: format!("/network/{}", cjk_text(&mut random, CJK_PATH_LENGTH)),
        })
        .collect();
    let request = UpgradeInstanceRequest {
        instance_id: hex_id(&mut random, 16),
        image_url: format!(
            "registry.example.com/团队/{}:latest",
            cjk_text(&mut random, 20)
        ),
        image_auth_id: None,
        envs,
        command: cjk_text(&mut random, 300),
        entrypoint: cjk_text(&mut random, 300),
        save: false,
        network_volume: NetworkVolume { volume_mounts },
    };
    serde_json::to_vec(&request).expect("the request types always serialize")
}

/// Builds an invalid request as large as [`maximal`]: 101 variables whose key and value are one character
/// over their limits, and 31 mounts whose paths are one character over, for 235 violations.
pub fn many_violations() -> Vec<u8> {
    let mut random = SplitMix64::new(4);
    let request = bounded_request(&mut random, 1);
    serde_json::to_vec(&request).expect("the request types always serialize")
}

/// Builds pretty-printed request files as a repository keeps them, with sizes drawn from a realistic
/// spread. Every tenth file, starting at index 7, breaks one rule that the JSON Schema also states.
pub fn file_set(count: usize) -> Vec<Payload> {
    let mut random = SplitMix64::new(5);
    (0..count)
        .map(|index| {
            let env_count = match random.below(10) {
                0 => 0,
                1..=6 => 1 + random.below(10),
                7 | 8 => 10 + random.below(20),
                _ => LARGE_ENV_COUNT_MIN + random.below(60),
            };
            let mount_count = random.below(4);
            let request = realistic_request(&mut random, env_count, mount_count);
            let mut value = serde_json::to_value(&request).expect("the request types serialize");
            let valid = index % 10 != 7;
            if !valid {
                break_rule(&mut value, index / 10);
            }
            let bytes = serde_json::to_vec_pretty(&value).expect("a Value always serializes");
            Payload {
                name: "file",
                bytes,
                valid,
            }
        })
        .collect()
}

/// Breaks one rule of the request, chosen by `kind`: a length, a count, a const, a type, a
/// required member or an unknown member. Duplicate members are left out because a JSON Schema
/// validator receives only the member its parser kept.
fn break_rule(request: &mut Value, kind: usize) {
    let rules = 8;
    match kind % rules {
        0 => request["envs"] = json!([{"key": "LONG", "value": "v".repeat(4096)}]),
        1 => request["imageUrl"] = json!(""),
        2 => {
            request["networkVolume"]["volumeMounts"] =
                json!([{"type": "nfs", "id": "nv-1", "mountPath": "/data"}])
        }
        3 => request["save"] = json!("yes"),
        4 => {
            request
                .as_object_mut()
                .expect("the request is an object")
                .remove("command");
        }
        5 => {
            let url = request["imageUrl"].take();
            let object = request.as_object_mut().expect("the request is an object");
            object.remove("imageUrl");
            object.insert("imageURL".to_owned(), url);
        }
        6 => request["envs"] = Value::Array(vec![json!({"key": "K", "value": "V"}); 101]),
        _ => request["networkVolume"]["volumeMounts"] = json!([{"type": "network", "id": "nv-1"}]),
    }
}

/// Builds a request shaped like a real training job, with `env_count` variables and `mount_count` mounts.
fn realistic_request(
    random: &mut SplitMix64,
    env_count: usize,
    mount_count: usize,
) -> UpgradeInstanceRequest {
    const ENV_NAMES: [&str; 12] = [
        "CUDA_VISIBLE_DEVICES",
        "HF_HOME",
        "HF_TOKEN",
        "WANDB_PROJECT",
        "NCCL_DEBUG",
        "PYTHONUNBUFFERED",
        "OMP_NUM_THREADS",
        "MODEL_NAME",
        "DATA_DIR",
        "CHECKPOINT_DIR",
        "LOG_LEVEL",
        "TZ",
    ];
    let envs = (0..env_count)
        .map(|index| {
            let name = ENV_NAMES[index % ENV_NAMES.len()];
            let key = if index < ENV_NAMES.len() {
                name.to_owned()
            } else {
                format!("{name}_{index}")
            };
            let value_length = 4 + random.below(40);
            Env {
                key: Some(key),
                value: Some(ascii_text(random, value_length)),
            }
        })
        .collect();
    let volume_mounts = (0..mount_count)
        .map(|index| VolumeMount {
            type_: "network".to_owned(),
            id: format!("nv-{}", hex_id(random, 12)),
            mount_path: format!("/network/volume-{index}"),
        })
        .collect();
    UpgradeInstanceRequest {
        instance_id: hex_id(random, 16),
        image_url: "registry.example.com/ml-team/pytorch:2.4.0-cuda12.4-cudnn9-runtime".to_owned(),
        image_auth_id: Some(hex_id(random, 16)),
        envs,
        command: "python train.py --config \"/network/volume-0/configs/run.yaml\" --epochs 10\n"
            .to_owned(),
        entrypoint: "/bin/sh -c".to_owned(),
        save: true,
        network_volume: NetworkVolume { volume_mounts },
    }
}

/// Builds a request with every bounded string and array at its limit plus `over` (0 or 1).
fn bounded_request(random: &mut SplitMix64, over: usize) -> UpgradeInstanceRequest {
    let limits = Limits::from_schema();
    let envs = (0..limits.envs + over)
        .map(|_| Env {
            key: Some(ascii_text(random, limits.env_key + over)),
            value: Some(ascii_text(random, limits.env_value + over)),
        })
        .collect();
    let volume_mounts = (0..limits.volume_mounts + over)
        .map(|index| VolumeMount {
            type_: "network".to_owned(),
            id: format!("nv-{index:04}"),
            mount_path: format!("/{}", ascii_text(random, limits.mount_path - 1 + over)),
        })
        .collect();
    UpgradeInstanceRequest {
        instance_id: hex_id(random, 16),
        image_url: ascii_text(random, limits.image_url),
        image_auth_id: Some(hex_id(random, 16)),
        envs,
        command: ascii_text(random, limits.command),
        entrypoint: ascii_text(random, limits.entrypoint),
        save: true,
        network_volume: NetworkVolume { volume_mounts },
    }
}

/// Maximum lengths and item counts of the request, read from the committed JSON Schema so the
/// payloads follow the field-definition file.
struct Limits {
    image_url: usize,
    envs: usize,
    env_key: usize,
    env_value: usize,
    command: usize,
    entrypoint: usize,
    volume_mounts: usize,
    mount_path: usize,
}

impl Limits {
    fn from_schema() -> Limits {
        let schema: Value =
            serde_json::from_str(include_str!("../../../schema/upgrade-instance.schema.json"))
                .expect("the committed schema is JSON");
        let limit = |pointer: &str| -> usize {
            let value = schema.pointer(pointer).and_then(Value::as_u64);
            let value = value.unwrap_or_else(|| panic!("the schema has a number at {pointer}"));
            usize::try_from(value).expect("a limit fits in usize")
        };
        Limits {
            image_url: limit("/properties/imageUrl/maxLength"),
            envs: limit("/properties/envs/maxItems"),
            env_key: limit("/$defs/Env/properties/key/maxLength"),
            env_value: limit("/$defs/Env/properties/value/maxLength"),
            command: limit("/properties/command/maxLength"),
            entrypoint: limit("/properties/entrypoint/maxLength"),
            volume_mounts: limit("/$defs/NetworkVolume/properties/volumeMounts/maxItems"),
            mount_path: limit("/$defs/VolumeMount/properties/mountPath/maxLength"),
        }
    }
}

/// Shape of the CJK-heavy payload; not request limits.
const CJK_ENV_COUNT: usize = 30;
const CJK_PATH_LENGTH: usize = 100;

/// Smallest environment-variable count of the largest tenth of the command-line payload files.
const LARGE_ENV_COUNT_MIN: usize = 30;

/// Builds printable ASCII of `length` characters, including the quote and backslash that JSON escapes.
fn ascii_text(random: &mut SplitMix64, length: usize) -> String {
    const ALPHABET: &[u8] =
        b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_./:=,\"\\";
    (0..length)
        .map(|_| char::from(ALPHABET[random.below(ALPHABET.len())]))
        .collect()
}

/// Builds `length` characters of CJK Unified Ideographs, with an ASCII space every 16th character.
fn cjk_text(random: &mut SplitMix64, length: usize) -> String {
    (0..length)
        .map(|index| {
            if index % 16 == 15 {
                ' '
            } else {
                let offset = u32::try_from(random.below(0x5000)).expect("below 0x5000");
                char::from_u32(0x4E00 + offset).expect("CJK Unified Ideographs are scalar values")
            }
        })
        .collect()
}

fn hex_id(random: &mut SplitMix64, length: usize) -> String {
    (0..length)
        .map(|_| char::from(b"0123456789abcdef"[random.below(16)]))
        .collect()
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a small generator whose output depends only on the seed.
struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Returns a number in `0..bound`. The modulo bias does not matter for test data.
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ppio_validator::Validator;

    #[test]
    fn library_payloads_have_expected_verdicts() {
        let validator = Validator::new();
        for payload in library_payloads() {
            let report = validator.check(&payload.bytes);
            assert_eq!(report.is_valid(), payload.valid, "{}", payload.name);
        }
    }

    #[test]
    fn many_violations_reports_235() {
        let report = Validator::new().check(&many_violations());
        assert_eq!(report.violations().len(), 235);
    }

    #[test]
    fn maximal_and_many_violations_sizes_are_close() {
        let maximal = maximal().len() as f64;
        let violations = many_violations().len() as f64;
        assert!((violations / maximal - 1.0).abs() < 0.02);
    }

    #[test]
    fn typical_is_about_one_kilobyte() {
        let length = typical().len();
        assert!((900..=1200).contains(&length), "{length} bytes");
    }

    #[test]
    fn file_set_labels_match_validator() {
        let validator = Validator::new();
        let files = file_set(200);
        let invalid = files.iter().filter(|payload| !payload.valid).count();
        assert_eq!(invalid, 20);
        for (index, payload) in files.iter().enumerate() {
            let report = validator.check(&payload.bytes);
            assert_eq!(report.is_valid(), payload.valid, "file {index}");
        }
    }

    #[test]
    fn payloads_are_deterministic() {
        assert_eq!(typical(), typical());
        assert_eq!(cjk_heavy(), cjk_heavy());
    }
}
