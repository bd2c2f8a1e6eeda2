// `sqlx::migrate!()` (src/db.rs) copies migrations/ into the binary at compile time; this tells Cargo to compile it
// again when a file there is added or changed, so the binary never carries an older set of migrations.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
