//! The typed form of a loaded scope file (scs-0003-v1 format) and what can be asked of it.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::node::{Location, Node};
use super::time::{Lifetime, Validity};

/// A certification scope, loaded and resolved: scripts, testcases, modules, versions, timeline.
///
/// Built by [`Scope::load`], which checks every reference; the lookups below therefore always
/// find what the scope refers to.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Scope {
    /// `uuid`: the scope's identity in reports and in the compliance monitor.
    pub uuid: String,
    /// `name`, such as `SCS-compatible IaaS`.
    pub name: String,
    /// `url` of the scope file.
    pub url: String,
    /// `variables` the scripts' arguments may use, in declaration order.
    pub variables: Vec<Variable>,
    /// `prerequisite`, as written (the official runner only warns that it is not implemented).
    pub prerequisite: Option<Node>,
    /// `scripts`, in file order.
    pub scripts: Vec<Script>,
    /// Every testcase of every script, in file order.
    pub testcases: Vec<Testcase>,
    /// `modules`, in file order.
    pub modules: Vec<Module>,
    /// `versions`, in file order (by convention newest first).
    pub versions: Vec<Version>,
    /// `timeline`, in file order (any order is allowed).
    pub timeline: Vec<TimelineEntry>,
    pub(crate) testcase_index: HashMap<String, usize>,
    pub(crate) module_index: HashMap<String, usize>,
    pub(crate) version_index: HashMap<String, usize>,
}

/// A declared variable: a name and, for the `{name: default}` form, its default value.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Variable {
    /// The name, used as `{name}` in `args` and `env`.
    pub name: String,
    /// The default value, if declared with one.
    pub default: Option<String>,
}

/// A script: the program that reports results for its testcases (none for manual checks).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Script {
    /// `executable`, relative to the scope file's folder; `None` for a manual check.
    pub executable: Option<String>,
    /// `args`, with `{variable}` placeholders (`{testcases}`: the selected ids).
    pub args: Option<String>,
    /// `env`: extra environment variables, in file order.
    pub env: Vec<(String, String)>,
    /// The indices of its testcases in [`Scope::testcases`].
    pub testcases: Vec<usize>,
    /// Where the script is declared.
    pub location: Option<Location>,
}

impl Script {
    /// Whether this is a manual check (no executable): never run by the official runner.
    pub fn is_manual(&self) -> bool {
        self.executable.is_none()
    }
}

/// A testcase declared by a script.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Testcase {
    /// `id`, unique in the whole file.
    pub id: String,
    /// `lifetime` ([`Lifetime::Week`] when absent).
    pub lifetime: Lifetime,
    /// `section` (`light`, `medium`, `heavy`, ...), for partial runs.
    pub section: Option<String>,
    /// `description`, printed for testcases that did not pass.
    pub description: Option<String>,
    /// `url` of the testcase's documentation.
    pub url: Option<String>,
    /// The index of the declaring script in [`Scope::scripts`].
    pub script: usize,
    /// How many stabilized versions list the id in their `main` target (the official `attn`);
    /// the monitor shows such testcases first.
    pub stable_main_versions: usize,
    /// Where the testcase is declared.
    pub location: Option<Location>,
}

/// A named set of testcase ids (`main`, `recommended`, `preview`, ...).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Target {
    /// The target's name.
    pub name: String,
    /// The testcase ids: as written in a module; sorted and without repetition in a version.
    pub testcases: Vec<String>,
}

/// A module: a set of targets, usually one standard's version.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Module {
    /// `id`, unique among modules.
    pub id: String,
    /// `name`, for people.
    pub name: Option<String>,
    /// `url` of the standard.
    pub url: Option<String>,
    /// `parameters`: name → description.
    pub parameters: Vec<(String, String)>,
    /// `targets`, in file order.
    pub targets: Vec<Target>,
}

/// A version's inclusion of a module.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Include {
    /// The module's id.
    pub module: String,
    /// `parameters` given to the module (parsed and kept; the official runner never passes them
    /// to a script).
    pub parameters: Vec<(String, String)>,
    /// Where the inclusion is written.
    pub location: Option<Location>,
}

/// A version of the scope: what a certificate is issued against.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Version {
    /// `version`, such as `v5.1` or `next`.
    pub name: String,
    /// `stabilized_at`: set once the version is stable.
    pub stabilized_at: Option<NaiveDate>,
    /// `include`, in file order.
    pub include: Vec<Include>,
    /// The union of the included modules' targets: target names in first-seen order, each with
    /// its ids sorted and without repetition (as the official loader resolves them).
    pub targets: Vec<Target>,
    /// Where the version is declared.
    pub location: Option<Location>,
}

impl Version {
    /// The target of that name.
    pub fn target(&self, name: &str) -> Option<&Target> {
        self.targets.iter().find(|target| target.name == name)
    }

    /// The ids of the `main` target, which decides certification (empty if there is none).
    pub fn main(&self) -> &[String] {
        self.target("main")
            .map(|target| target.testcases.as_slice())
            .unwrap_or(&[])
    }

    /// The target the official tooling files `id` under: of several targets listing it, the last
    /// (so `recommended` over `main` when both list it).
    pub fn target_of(&self, id: &str) -> Option<&str> {
        self.targets
            .iter()
            .rev()
            .find(|target| target.testcases.iter().any(|listed| listed == id))
            .map(|target| target.name.as_str())
    }

    /// Whether the version is stable (`stabilized_at` set).
    pub fn is_stable(&self) -> bool {
        self.stabilized_at.is_some()
    }
}

/// A timeline entry: from `date` on (until the next entry), the versions it lists have the
/// given validity.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TimelineEntry {
    /// `date` the period starts.
    pub date: NaiveDate,
    /// `versions`: version name → validity; `None` for a version listed with a null code (read
    /// as not listed).
    pub versions: Vec<(String, Option<Validity>)>,
}

impl TimelineEntry {
    /// The validity the entry gives `version`, if it lists it with a code.
    pub fn validity_of(&self, version: &str) -> Option<Validity> {
        self.versions
            .iter()
            .find(|(name, _)| name == version)
            .and_then(|(_, validity)| *validity)
    }
}

/// A version's status on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VersionStatus<'s> {
    /// The version.
    pub version: &'s Version,
    /// Its validity on that date.
    pub validity: Validity,
    /// Whether the timeline entry in force lists the version. Only listed versions are run by the
    /// official runner and evaluated by the monitor; an unlisted one is `deprecated` implicitly.
    pub explicit: bool,
}

impl Scope {
    /// The testcase with this id.
    pub fn testcase(&self, id: &str) -> Option<&Testcase> {
        self.testcase_index.get(id).map(|&at| &self.testcases[at])
    }

    /// The module with this id.
    pub fn module(&self, id: &str) -> Option<&Module> {
        self.module_index.get(id).map(|&at| &self.modules[at])
    }

    /// The version with this name.
    pub fn version(&self, name: &str) -> Option<&Version> {
        self.version_index.get(name).map(|&at| &self.versions[at])
    }

    /// The script that declares `testcase`.
    pub fn script_of(&self, testcase: &Testcase) -> &Script {
        &self.scripts[testcase.script]
    }

    /// The timeline entry in force on `date`: the one with the latest date not after it (of
    /// several with that date, the first in file order); `None` before the first entry.
    pub fn timeline_entry_on(&self, date: NaiveDate) -> Option<&TimelineEntry> {
        let mut best: Option<&TimelineEntry> = None;
        for entry in &self.timeline {
            if entry.date <= date && best.map_or(true, |best| entry.date > best.date) {
                best = Some(entry);
            }
        }
        best
    }

    /// Every version's status on `date`, in file order.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use scs_validators::scope::{Node, Scope, Validity};
    ///
    /// let document: Node = serde_json::from_str(r#"{
    ///     "name": "Toy scope", "uuid": "0000", "url": "https://example.invalid/toy.yaml",
    ///     "scripts": [{"executable": "./check.py", "testcases": [{"id": "tc-a"}]}],
    ///     "modules": [{"id": "m1", "targets": {"main": ["tc-a"]}}],
    ///     "versions": [{"version": "v2", "include": ["m1"]},
    ///                  {"version": "v1", "include": ["m1"], "stabilized_at": "2024-12-01"}],
    ///     "timeline": [{"date": "2025-01-01", "versions": {"v2": "draft"}}]
    /// }"#)?;
    /// let scope = Scope::load(&document)?;
    /// let status = scope.validity_on(NaiveDate::from_ymd_opt(2025, 6, 1).unwrap());
    /// assert_eq!((status[0].validity, status[0].explicit), (Validity::Draft, true));
    /// // v1 is not listed: deprecated, implicitly, and neither run nor evaluated.
    /// assert_eq!((status[1].validity, status[1].explicit), (Validity::Deprecated, false));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validity_on(&self, date: NaiveDate) -> Vec<VersionStatus<'_>> {
        let entry = self.timeline_entry_on(date);
        self.versions
            .iter()
            .map(|version| {
                let explicit = entry.and_then(|entry| entry.validity_of(&version.name));
                VersionStatus {
                    version,
                    validity: explicit.unwrap_or(Validity::Deprecated),
                    explicit: explicit.is_some(),
                }
            })
            .collect()
    }

    /// The versions the timeline entry in force on `date` lists, in file order: the ones the
    /// official runner runs and the monitor evaluates.
    pub fn versions_in_force(&self, date: NaiveDate) -> Vec<VersionStatus<'_>> {
        self.validity_on(date)
            .into_iter()
            .filter(|status| status.explicit)
            .collect()
    }
}
