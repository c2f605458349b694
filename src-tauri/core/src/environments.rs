//! Named environments (dev, test, prod…), each a desk of its own: its own database, keyring
//! entries (they carry the folder's profile id), callback base URL and Twilio accounts. The
//! data folder itself is the first, "Default"; the others live in `environments/<folder>/`
//! under it. `environments.json` lists them with their colours and says which is current, for
//! the app and the command line alike.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Named, Result};
use crate::rules;

const REGISTRY: &str = "environments.json";
const FOLDER: &str = "environments";
const DEFAULT: &str = "Default";

/// The colour an environment is shown in, so that no one edits prod thinking it is dev.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnvColour {
    Grey,
    Blue,
    Green,
    Amber,
    Red,
    Purple,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Environment {
    pub name: String,
    pub colour: EnvColour,
    /// Its data folder.
    pub dir: PathBuf,
    pub current: bool,
}

/// `environments.json`: the environments besides Default, and the current one's name.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Registry {
    current: Option<String>,
    default_colour: Option<EnvColour>,
    environments: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    name: String,
    colour: EnvColour,
    /// Its folder's name under `environments/`.
    folder: String,
}

pub struct Environments {
    root: PathBuf,
}

impl Environments {
    /// The environments of the data folder `root`.
    pub fn at(root: &Path) -> Self {
        Self { root: root.to_owned() }
    }

    pub fn list(&self) -> Result<Vec<Environment>> {
        let registry = self.read()?;
        let current = registry.current.as_deref().unwrap_or(DEFAULT);
        let default = Environment {
            name: DEFAULT.to_owned(),
            colour: registry.default_colour.unwrap_or(EnvColour::Grey),
            dir: self.root.clone(),
            current: current == DEFAULT,
        };
        let others = registry.environments.iter().map(|e| Environment {
            name: e.name.clone(),
            colour: e.colour,
            dir: self.root.join(FOLDER).join(&e.folder),
            current: e.name == current,
        });
        Ok(std::iter::once(default).chain(others).collect())
    }

    /// The current environment; Default when the one named current is gone.
    pub fn current(&self) -> Result<Environment> {
        let list = self.list()?;
        let current = list.iter().position(|e| e.current).unwrap_or(0);
        Ok(list.into_iter().nth(current).expect("Default is always listed"))
    }

    /// A new environment with its own, empty data folder; the current one stays current.
    pub fn create(&self, name: &str, colour: EnvColour) -> Result<Environment> {
        let name = rules::name("environmentName", name)?;
        let mut registry = self.read()?;
        let key = rules::name_key(&name);
        let taken = std::iter::once(DEFAULT).chain(registry.environments.iter().map(|e| e.name.as_str()));
        if let Some(taken) = taken.into_iter().find(|n| rules::name_key(n) == key) {
            return Err(Error::duplicate(Named::Environment, "environmentName", taken));
        }
        let folder = folder_for(&name, &registry);
        let dir = self.root.join(FOLDER).join(&folder);
        std::fs::create_dir_all(&dir).map_err(|e| Error::create_folder(&dir, &e))?;
        registry.environments.push(Entry { name: name.clone(), colour, folder });
        self.write(&registry)?;
        log::info!("created environment {name} in {}", dir.display());
        Ok(Environment { name, colour, dir, current: false })
    }

    /// The environment named `name`, whatever its case.
    pub fn find(&self, name: &str) -> Result<Environment> {
        let key = rules::name_key(name);
        let found = self.list()?.into_iter().find(|e| rules::name_key(&e.name) == key);
        found.ok_or_else(|| Error::environment_not_found(name))
    }

    /// Makes the environment named `name` (whatever its case) the current one.
    pub fn select(&self, name: &str) -> Result<Environment> {
        let chosen = self.find(name)?;
        let mut registry = self.read()?;
        registry.current = Some(chosen.name.clone());
        self.write(&registry)?;
        Ok(Environment { current: true, ..chosen })
    }

    fn read(&self) -> Result<Registry> {
        let path = self.root.join(REGISTRY);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| Error::read_file(&path, &e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Registry::default()),
            Err(e) => Err(Error::read_file(&path, &e)),
        }
    }

    /// Through a temporary file and a rename, so that a crash leaves the old registry or the new.
    fn write(&self, registry: &Registry) -> Result<()> {
        std::fs::create_dir_all(&self.root).map_err(|e| Error::create_folder(&self.root, &e))?;
        let (path, temporary) = (self.root.join(REGISTRY), self.root.join(format!("{REGISTRY}.new")));
        let bytes = serde_json::to_vec_pretty(registry).expect("the registry serializes");
        std::fs::write(&temporary, bytes).map_err(|e| Error::write_file(&temporary, &e))?;
        std::fs::rename(&temporary, &path).map_err(|e| Error::write_file(&path, &e))
    }
}

/// A folder name from the environment's name: lowercase letters and digits, dashes between, and
/// a number after it when another environment has it.
fn folder_for(name: &str, registry: &Registry) -> String {
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug = if slug.is_empty() { "environment".to_owned() } else { slug };
    let taken = |candidate: &str| registry.environments.iter().any(|e| e.folder == candidate);
    (1..).map(|n| if n == 1 { slug.clone() } else { format!("{slug}-{n}") }).find(|c| !taken(c)).expect("a free name")
}
