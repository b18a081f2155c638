//! The product packages never reach the network: their normal dependency trees hold no HTTP
//! client, TLS stack or async runtime.

use std::process::Command;

const PRODUCT_PACKAGES: [&str; 4] = [
    "ppio-validate",
    "ppio-validator",
    "ppio-types",
    "ppio-validate-cli",
];

const NETWORK_CRATES: [&str; 10] = [
    "reqwest",
    "hyper",
    "h2",
    "rustls",
    "native-tls",
    "openssl",
    "tokio",
    "async-std",
    "ureq",
    "curl",
];

/// Returns the package names in the normal dependency tree of `package`.
fn normal_dependencies(package: &str) -> Vec<String> {
    let output = Command::new(env!("CARGO"))
        .args(["tree", "-e", "normal", "-p", package, "--prefix", "none"])
        .current_dir(xtask::project_root())
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "`cargo tree -p {package}` failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("cargo tree prints UTF-8")
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn product_has_no_network_dependencies() {
    for package in PRODUCT_PACKAGES {
        let dependencies = normal_dependencies(package);
        assert!(
            dependencies.iter().any(|name| name == package),
            "the tree of {package} lists the package itself: {dependencies:?}"
        );
        for name in &dependencies {
            assert!(
                !NETWORK_CRATES.contains(&name.as_str()),
                "{package} depends on {name}, which reaches the network"
            );
        }
    }
}

#[test]
fn dependency_listing_finds_crates_by_name() {
    // A listing that parsed no names would let the check above pass on any tree.
    let output = Command::new(env!("CARGO"))
        .args(["tree", "-e", "dev", "-p", "xtask", "--prefix", "none"])
        .current_dir(xtask::project_root())
        .output()
        .expect("cargo runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.lines().any(|line| line.starts_with("jsonschema ")),
        "the dev tree of xtask lists jsonschema:\n{text}"
    );
}
