//! Named environments in one data folder: Default is the folder itself; the others each get a
//! desk of their own, and the choice of the current one is kept for the app and the command line.

mod common;

use std::sync::Arc;

use channel_desk_core::environments::{EnvColour, Environments};
use channel_desk_core::secrets::MemoryStore;
use channel_desk_core::ErrorCode;
use common::open_desk;

#[tokio::test]
async fn environments_are_created_chosen_and_each_is_a_desk_of_its_own() {
    let root = tempfile::tempdir().unwrap();
    let envs = Environments::at(root.path());
    let listed = |envs: &Environments| -> Vec<(String, EnvColour, bool)> {
        envs.list().unwrap().into_iter().map(|e| (e.name, e.colour, e.current)).collect()
    };
    assert_eq!(listed(&envs), [("Default".to_owned(), EnvColour::Grey, true)]);
    assert_eq!(envs.current().unwrap().dir, root.path());

    let prod = envs.create(" Prod ", EnvColour::Red).unwrap();
    assert_eq!((prod.name.as_str(), prod.dir.clone()), ("Prod", root.path().join("environments/prod")));
    assert!(prod.dir.is_dir());
    let err = envs.create("PROD", EnvColour::Blue).unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::DuplicateName, Some("environmentName")));
    let err = envs.create("default", EnvColour::Blue).unwrap_err();
    assert_eq!(err.code, ErrorCode::DuplicateName, "Default is taken too");
    let err = envs.create("  ", EnvColour::Blue).unwrap_err();
    assert_eq!(err.code, ErrorCode::Required);
    let test = envs.create("Test / QA", EnvColour::Amber).unwrap();
    assert!(test.dir.ends_with("environments/test-qa"));

    envs.select("prod").unwrap();
    let again = Environments::at(root.path());
    assert_eq!(again.current().unwrap().name, "Prod", "the choice is kept");
    assert_eq!(listed(&again).iter().filter(|(_, _, current)| *current).count(), 1);
    let err = again.select("Staging").unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);

    let default = open_desk(root.path(), Arc::new(MemoryStore::default())).await;
    let prod_desk = open_desk(&prod.dir, Arc::new(MemoryStore::default())).await;
    let (a, b) = (default.queues.list().await.unwrap(), prod_desk.queues.list().await.unwrap());
    assert_ne!(a[0].id, b[0].id, "two databases");
    assert!(prod.dir.join(channel_desk_core::db::FILE_NAME).is_file());
}
