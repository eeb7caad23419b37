//! Loading a scope document: the official keyword check, typed reading and resolution, with
//! every problem collected and placed.

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;

use super::model::{
    Include, Module, Scope, Script, Target, Testcase, TimelineEntry, Variable, Version,
};
use super::node::{Location, Node, Value};
use super::time::{Lifetime, Validity};

/// The keys the official loader allows in each of its six contexts (scs_cert_lib `KEYWORDS`).
/// A mapping's values are checked in the context named by their key; other contexts are not
/// looked into.
const KEYWORDS: [(&str, &[&str]); 6] = [
    (
        "spec",
        &[
            "uuid",
            "name",
            "url",
            "versions",
            "prerequisite",
            "variables",
            "scripts",
            "modules",
            "timeline",
        ],
    ),
    ("scripts", &["executable", "env", "args", "testcases"]),
    (
        "versions",
        &["version", "include", "targets", "stabilized_at"],
    ),
    ("modules", &["id", "targets", "url", "name", "parameters"]),
    (
        "testcases",
        &["lifetime", "section", "id", "description", "url"],
    ),
    ("include", &["ref", "parameters"]),
];

/// How the official loader (scs_cert_lib `load_spec`) reacts to a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OfficialLoad {
    /// It logs an error and refuses the file.
    Refuses,
    /// It stops with an exception (a key or type error) instead of a message.
    Crashes,
    /// It loads the file; the problem shows later (when a version is selected, a report is
    /// written or a result is evaluated), or never.
    Accepts,
}

/// What is wrong at one place of a scope document.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// Keys the official keyword check does not allow in this context.
    UnknownKeys {
        /// The context (`spec`, `scripts`, `testcases`, `modules`, `versions`, `include`).
        context: &'static str,
        /// The unknown keys, in document order.
        keys: Vec<String>,
    },
    /// A required key is absent (or null).
    MissingKey(&'static str),
    /// A value has the wrong type.
    WrongType {
        /// What was expected, such as `a string`.
        expected: &'static str,
        /// What was found, such as `a sequence`.
        found: &'static str,
    },
    /// A key appears twice in one mapping (the later value is used).
    RepeatedKey(String),
    /// A testcase id declared a second time.
    DuplicateTestcase {
        /// The id.
        id: String,
        /// Where it was declared first.
        first: Place,
    },
    /// A module id declared a second time.
    DuplicateModule {
        /// The id.
        id: String,
        /// Where it was declared first.
        first: Place,
    },
    /// A version name declared a second time.
    DuplicateVersion {
        /// The name.
        name: String,
        /// Where it was declared first.
        first: Place,
    },
    /// An `include` names a module that does not exist.
    UnknownModule(String),
    /// A timeline entry names a version that does not exist.
    UnknownVersion(String),
    /// A target lists a testcase that no script declares.
    UndeclaredTestcase(String),
    /// A `lifetime` other than day, week, month, quarter, year.
    UnknownLifetime(String),
    /// A validity code other than effective, warn, draft, deprecated (the official loader keeps
    /// such a code as it is).
    UnknownValidity(String),
    /// A date that is not a calendar date `YYYY-MM-DD`.
    InvalidDate(String),
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::UnknownKeys { context, keys } => {
                let allowed = KEYWORDS
                    .iter()
                    .find(|(name, _)| name == context)
                    .map(|(_, keys)| keys.join(", "))
                    .unwrap_or_default();
                let plural = if keys.len() == 1 { "" } else { "s" };
                write!(f, "unknown key{plural} ")?;
                write_list(f, keys)?;
                write!(f, " in {context} (allowed: {allowed})")
            }
            ProblemKind::MissingKey(key) => write!(f, "missing key `{key}`"),
            ProblemKind::WrongType { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            ProblemKind::RepeatedKey(key) => {
                write!(
                    f,
                    "key `{}` appears twice (the later value is used)",
                    key.escape_debug()
                )
            }
            ProblemKind::DuplicateTestcase { id, first } => {
                write!(
                    f,
                    "duplicate testcase `{}` (first declared at {first})",
                    id.escape_debug()
                )
            }
            ProblemKind::DuplicateModule { id, first } => {
                write!(
                    f,
                    "duplicate module `{}` (first declared at {first})",
                    id.escape_debug()
                )
            }
            ProblemKind::DuplicateVersion { name, first } => {
                write!(
                    f,
                    "duplicate version `{}` (first declared at {first})",
                    name.escape_debug()
                )
            }
            ProblemKind::UnknownModule(id) => write!(f, "unknown module `{}`", id.escape_debug()),
            ProblemKind::UnknownVersion(name) => {
                write!(f, "unknown version `{}`", name.escape_debug())
            }
            ProblemKind::UndeclaredTestcase(id) => {
                write!(
                    f,
                    "testcase `{}` is declared by no script",
                    id.escape_debug()
                )
            }
            ProblemKind::UnknownLifetime(text) => write!(
                f,
                "unknown lifetime `{}`: expected day, week, month, quarter or year",
                text.escape_debug()
            ),
            ProblemKind::UnknownValidity(text) => write!(
                f,
                "unknown validity `{}`: expected effective, warn, draft or deprecated",
                text.escape_debug()
            ),
            ProblemKind::InvalidDate(text) => {
                write!(
                    f,
                    "invalid date `{}`: expected YYYY-MM-DD",
                    text.escape_debug()
                )
            }
        }
    }
}

fn write_list(f: &mut fmt::Formatter<'_>, items: &[String]) -> fmt::Result {
    for (at, item) in items.iter().enumerate() {
        if at > 0 {
            f.write_str(", ")?;
        }
        write!(f, "`{}`", item.escape_debug())?;
    }
    Ok(())
}

/// A place in a scope document: the path of keys and indices (`scripts[1].testcases[0].id`) and,
/// when the parser told, the line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The path from the document's root; empty for the root.
    pub path: String,
    /// The line and column.
    pub location: Option<Location>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let escaped = self.path.escape_debug().to_string();
        let path = if self.path.is_empty() {
            "the document"
        } else {
            &escaped
        };
        match self.location {
            Some(location) => write!(f, "{location} ({path})"),
            None => f.write_str(path),
        }
    }
}

/// One problem of a scope document.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoadProblem {
    /// Where it is.
    pub place: Place,
    /// What it is.
    pub kind: ProblemKind,
    /// How the official loader reacts to it.
    pub official: OfficialLoad,
}

impl fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.kind)
    }
}

/// A scope document that does not load: every problem found, in the order the official loader
/// would meet them (keyword check first, then reading, duplicates, references).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    /// The problems, at least one.
    pub problems: Vec<LoadProblem>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        write!(
            f,
            "scope does not load: {count} problem{}",
            if count == 1 { "" } else { "s" }
        )?;
        for problem in &self.problems {
            write!(f, "\n{problem}")?;
        }
        Ok(())
    }
}

impl Scope {
    /// Loads a scope from its parsed document, checking everything at once.
    ///
    /// Beyond the official loader, which stops at the first resolution problem and crashes on
    /// several, this reports **all** problems with their places:
    ///
    /// - the official keyword check: unknown keys in the six contexts `spec`, `scripts`,
    ///   `testcases`, `modules`, `versions`, `include` (and only there: timeline entries,
    ///   targets, parameters, variables, `prerequisite` and `env` may hold any key, as
    ///   officially);
    /// - missing required keys: `name`, `uuid`, `url`, `scripts`, `modules`, `timeline`,
    ///   `versions` (all MUST in scs-0003-v1; the official loader takes a file without `name`,
    ///   `uuid`, `url` or `scripts` and fails later), a script's `testcases`, a testcase's `id`,
    ///   a module's `id`, a version's `version` and `include`, an include's `ref`, a timeline
    ///   entry's `date` and `versions`;
    /// - wrong types, lifetimes and validity codes outside the standard's lists (the official
    ///   loader keeps an unknown validity code), dates that are not `YYYY-MM-DD` (a quoted date is
    ///   read as a date here; the official code crashes on it when computing validity);
    /// - duplicate testcase ids (in the whole file), module ids and version names;
    /// - `include` of an unknown module, timeline entries naming unknown versions;
    /// - testcase ids in **any** target of any module that no script declares. The official
    ///   loader only checks the `main` targets of stabilized versions; elsewhere its runner
    ///   crashes when such a testcase is selected. [`LoadProblem::official`] tells which.
    ///
    /// The `targets` of a version are computed, never read: a written `targets` key is ignored,
    /// as officially.
    pub fn load(document: &Node) -> Result<Scope, LoadError> {
        let mut loader = Loader::default();
        loader.check_keywords("spec", document, "");
        let scope = loader.read_scope(document);
        match scope {
            Some(scope) if loader.problems.is_empty() => Ok(scope),
            _ => {
                if loader.problems.is_empty() {
                    // read_scope gives None only after recording a problem; keep the error
                    // non-empty regardless.
                    loader.problem(document, "", ProblemKind::MissingKey("versions"));
                }
                Err(LoadError {
                    problems: loader.problems,
                })
            }
        }
    }
}

/// Collects problems while reading.
#[derive(Default)]
struct Loader {
    problems: Vec<LoadProblem>,
    /// The path of each testcase read, parallel to the scope's testcases.
    testcase_paths: Vec<String>,
}

/// The entries of a mapping node, later keys winning on lookup.
struct Entries<'n> {
    entries: &'n [(Node, Node)],
    path: String,
}

impl<'n> Entries<'n> {
    fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .rev()
            .find(|(name, _)| name.as_str() == Some(key))
            .map(|(_, value)| value)
            .filter(|value| value.value != Value::Null)
    }

    fn child(&self, key: &str) -> String {
        join(&self.path, key)
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn index(path: &str, at: usize) -> String {
    format!("{path}[{at}]")
}

/// The text of a key for messages.
fn key_text(key: &Node) -> String {
    key.scalar_text().unwrap_or_else(|| key.kind().to_owned())
}

fn official_reaction(kind: &ProblemKind) -> OfficialLoad {
    match kind {
        ProblemKind::UnknownKeys { .. }
        | ProblemKind::DuplicateTestcase { .. }
        | ProblemKind::DuplicateModule { .. }
        | ProblemKind::DuplicateVersion { .. } => OfficialLoad::Refuses,
        ProblemKind::MissingKey(key) => match *key {
            "name" | "uuid" | "url" | "scripts" | "testcases" => OfficialLoad::Accepts,
            _ => OfficialLoad::Crashes,
        },
        ProblemKind::UnknownModule(_) | ProblemKind::UnknownVersion(_) => OfficialLoad::Crashes,
        ProblemKind::InvalidDate(_) => OfficialLoad::Crashes,
        ProblemKind::WrongType { .. }
        | ProblemKind::RepeatedKey(_)
        | ProblemKind::UndeclaredTestcase(_)
        | ProblemKind::UnknownLifetime(_)
        | ProblemKind::UnknownValidity(_) => OfficialLoad::Accepts,
    }
}

impl Loader {
    fn problem(&mut self, node: &Node, path: &str, kind: ProblemKind) {
        let official = official_reaction(&kind);
        self.problem_with(node.location, path, kind, official);
    }

    fn problem_with(
        &mut self,
        location: Option<Location>,
        path: &str,
        kind: ProblemKind,
        official: OfficialLoad,
    ) {
        self.problems.push(LoadProblem {
            place: Place {
                path: path.to_owned(),
                location,
            },
            kind,
            official,
        });
    }

    /// The official keyword check (scs_cert_lib `_check_keywords`), with places.
    fn check_keywords(&mut self, context: &'static str, node: &Node, path: &str) {
        let Some((_, allowed)) = KEYWORDS.iter().find(|(name, _)| *name == context) else {
            return;
        };
        match &node.value {
            Value::Sequence(items) => {
                for (at, item) in items.iter().enumerate() {
                    self.check_keywords(context, item, &index(path, at));
                }
            }
            Value::Mapping(entries) => {
                let unknown: Vec<String> = entries
                    .iter()
                    .filter(|(key, _)| !key.as_str().is_some_and(|key| allowed.contains(&key)))
                    .map(|(key, _)| key_text(key))
                    .collect();
                if !unknown.is_empty() {
                    self.problem(
                        node,
                        path,
                        ProblemKind::UnknownKeys {
                            context,
                            keys: unknown,
                        },
                    );
                }
                for (key, value) in entries {
                    if let Some(name) = key.as_str() {
                        if let Some((child, _)) = KEYWORDS.iter().find(|(known, _)| *known == name)
                        {
                            self.check_keywords(child, value, &join(path, name));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn mapping<'n>(&mut self, node: &'n Node, path: &str) -> Option<Entries<'n>> {
        let Value::Mapping(entries) = &node.value else {
            self.problem(
                node,
                path,
                ProblemKind::WrongType {
                    expected: "a mapping",
                    found: node.kind(),
                },
            );
            return None;
        };
        let mut seen = std::collections::HashSet::new();
        for (key, _) in entries {
            if let Some(name) = key.as_str() {
                if !seen.insert(name) {
                    self.problem(
                        key,
                        &join(path, name),
                        ProblemKind::RepeatedKey(name.into()),
                    );
                }
            }
        }
        Some(Entries {
            entries,
            path: path.to_owned(),
        })
    }

    fn sequence<'n>(&mut self, node: &'n Node, path: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Sequence(items) => Some(items),
            _ => {
                self.problem(
                    node,
                    path,
                    ProblemKind::WrongType {
                        expected: "a sequence",
                        found: node.kind(),
                    },
                );
                None
            }
        }
    }

    fn string(&mut self, node: &Node, path: &str) -> Option<String> {
        match &node.value {
            Value::String(text) => Some(text.clone()),
            _ => {
                self.problem(
                    node,
                    path,
                    ProblemKind::WrongType {
                        expected: "a string",
                        found: node.kind(),
                    },
                );
                None
            }
        }
    }

    fn required<'n>(
        &mut self,
        parent: &Node,
        entries: &Entries<'n>,
        key: &'static str,
    ) -> Option<&'n Node> {
        let found = entries.get(key);
        if found.is_none() {
            self.problem(parent, &entries.path, ProblemKind::MissingKey(key));
        }
        found
    }

    fn required_string(
        &mut self,
        parent: &Node,
        entries: &Entries<'_>,
        key: &'static str,
    ) -> Option<String> {
        let node = self.required(parent, entries, key)?;
        self.string(node, &entries.child(key))
    }

    fn optional_string(&mut self, entries: &Entries<'_>, key: &str) -> Option<String> {
        let node = entries.get(key)?;
        self.string(node, &entries.child(key))
    }

    fn date(&mut self, node: &Node, path: &str) -> Option<NaiveDate> {
        let text = self.string(node, path)?;
        let date = parse_date(&text);
        if date.is_none() {
            self.problem(node, path, ProblemKind::InvalidDate(text));
        }
        date
    }

    /// A mapping of names to scalars, written as text (`parameters`, `env`).
    fn text_map(&mut self, node: &Node, path: &str) -> Vec<(String, String)> {
        let Some(entries) = self.mapping(node, path) else {
            return Vec::new();
        };
        let mut pairs = Vec::new();
        for (key, value) in entries.entries {
            let Some(name) = self.string(key, path) else {
                continue;
            };
            let child = join(path, &name);
            match value.scalar_text() {
                Some(text) => pairs.push((name, text)),
                None if value.value == Value::Null => pairs.push((name, String::new())),
                None => self.problem(
                    value,
                    &child,
                    ProblemKind::WrongType {
                        expected: "a scalar",
                        found: value.kind(),
                    },
                ),
            }
        }
        pairs
    }

    fn read_scope(&mut self, document: &Node) -> Option<Scope> {
        let top = self.mapping(document, "")?;
        let uuid = self.required_string(document, &top, "uuid");
        let name = self.required_string(document, &top, "name");
        let url = self.required_string(document, &top, "url");
        let variables = top
            .get("variables")
            .map(|node| self.read_variables(node, "variables"))
            .unwrap_or_default();
        let prerequisite = top.get("prerequisite").cloned();

        let mut scripts = Vec::new();
        let mut testcases = Vec::new();
        if let Some(node) = self.required(document, &top, "scripts") {
            if let Some(items) = self.sequence(node, "scripts") {
                for (at, item) in items.iter().enumerate() {
                    let path = index("scripts", at);
                    if let Some(script) = self.read_script(item, &path, at, &mut testcases) {
                        scripts.push(script);
                    } else {
                        // Keep indices aligned with the file: an unreadable script still counts.
                        scripts.push(Script {
                            executable: None,
                            args: None,
                            env: Vec::new(),
                            testcases: Vec::new(),
                            location: item.location,
                        });
                    }
                }
            }
        }
        let mut modules = Vec::new();
        let mut module_places = Vec::new();
        if let Some(node) = self.required(document, &top, "modules") {
            if let Some(items) = self.sequence(node, "modules") {
                for (at, item) in items.iter().enumerate() {
                    let path = index("modules", at);
                    if let Some(module) = self.read_module(item, &path) {
                        modules.push(module);
                        module_places.push((path, item.location));
                    }
                }
            }
        }
        let mut versions = Vec::new();
        let mut version_places = Vec::new();
        if let Some(node) = self.required(document, &top, "versions") {
            if let Some(items) = self.sequence(node, "versions") {
                for (at, item) in items.iter().enumerate() {
                    let path = index("versions", at);
                    if let Some(version) = self.read_version(item, &path) {
                        versions.push(version);
                        version_places.push(path);
                    }
                }
            }
        }
        let mut timeline = Vec::new();
        let mut timeline_places = Vec::new();
        if let Some(node) = self.required(document, &top, "timeline") {
            if let Some(items) = self.sequence(node, "timeline") {
                for (at, item) in items.iter().enumerate() {
                    let path = index("timeline", at);
                    if let Some(entry) = self.read_timeline_entry(item, &path, &mut timeline_places)
                    {
                        timeline.push(entry);
                    }
                }
            }
        }

        // Duplicates, in the official order: testcases, modules, versions.
        let mut testcase_index: HashMap<String, usize> = HashMap::new();
        for (at, testcase) in testcases.iter().enumerate() {
            if let Some(&first) = testcase_index.get(&testcase.id) {
                let first_testcase: &Testcase = &testcases[first];
                let first = Place {
                    path: self.testcase_paths[first].clone(),
                    location: first_testcase.location,
                };
                let path = self.testcase_paths[at].clone();
                self.problem_with(
                    testcase.location,
                    &path,
                    ProblemKind::DuplicateTestcase {
                        id: testcase.id.clone(),
                        first,
                    },
                    OfficialLoad::Refuses,
                );
            } else {
                testcase_index.insert(testcase.id.clone(), at);
            }
        }
        let mut module_index: HashMap<String, usize> = HashMap::new();
        for (at, module) in modules.iter().enumerate() {
            let (path, location) = &module_places[at];
            if let Some(&first) = module_index.get(&module.id) {
                let (first_path, first_location): &(String, Option<Location>) =
                    &module_places[first];
                self.problem_with(
                    *location,
                    path,
                    ProblemKind::DuplicateModule {
                        id: module.id.clone(),
                        first: Place {
                            path: first_path.clone(),
                            location: *first_location,
                        },
                    },
                    OfficialLoad::Refuses,
                );
            } else {
                module_index.insert(module.id.clone(), at);
            }
        }
        let mut version_index: HashMap<String, usize> = HashMap::new();
        for (at, version) in versions.iter().enumerate() {
            if let Some(&first) = version_index.get(&version.name) {
                let first_version: &Version = &versions[first];
                self.problem_with(
                    version.location,
                    &version_places[at],
                    ProblemKind::DuplicateVersion {
                        name: version.name.clone(),
                        first: Place {
                            path: version_places[first].clone(),
                            location: first_version.location,
                        },
                    },
                    OfficialLoad::Refuses,
                );
            } else {
                version_index.insert(version.name.clone(), at);
            }
        }

        // Resolve the versions: includes, targets, the count of stable main listings.
        let mut stable_main: HashMap<&str, usize> = HashMap::new();
        let mut main_of_stable_modules: Vec<bool> = vec![false; modules.len()];
        for (at, version) in versions.iter_mut().enumerate() {
            let mut targets: Vec<Target> = Vec::new();
            for (include_at, include) in version.include.iter().enumerate() {
                let Some(&module_at) = module_index.get(&include.module) else {
                    self.problem_with(
                        include.location,
                        &format!("{}.include[{include_at}]", version_places[at]),
                        ProblemKind::UnknownModule(include.module.clone()),
                        OfficialLoad::Crashes,
                    );
                    continue;
                };
                if version.stabilized_at.is_some() {
                    main_of_stable_modules[module_at] = true;
                }
                for target in &modules[module_at].targets {
                    let merged = match targets.iter_mut().find(|seen| seen.name == target.name) {
                        Some(seen) => seen,
                        None => {
                            targets.push(Target {
                                name: target.name.clone(),
                                testcases: Vec::new(),
                            });
                            targets.last_mut().expect("just pushed")
                        }
                    };
                    merged.testcases.extend(target.testcases.iter().cloned());
                }
            }
            for target in &mut targets {
                target.testcases.sort_unstable();
                target.testcases.dedup();
            }
            version.targets = targets;
            if version.stabilized_at.is_some() {
                for id in version.main() {
                    if let Some(&testcase_at) = testcase_index.get(id) {
                        *stable_main
                            .entry(testcases[testcase_at].id.as_str())
                            .or_default() += 1;
                    }
                }
            }
        }
        let counts: Vec<usize> = testcases
            .iter()
            .map(|testcase| stable_main.get(testcase.id.as_str()).copied().unwrap_or(0))
            .collect();
        for (testcase, count) in testcases.iter_mut().zip(counts) {
            testcase.stable_main_versions = count;
        }

        // Testcases listed in a target but declared by no script.
        for (module_at, module) in modules.iter().enumerate() {
            let (module_path, module_location) = &module_places[module_at];
            for target in &module.targets {
                for (id_at, id) in target.testcases.iter().enumerate() {
                    if testcase_index.contains_key(id) {
                        continue;
                    }
                    let official = if target.name == "main" && main_of_stable_modules[module_at] {
                        OfficialLoad::Crashes
                    } else {
                        OfficialLoad::Accepts
                    };
                    self.problem_with(
                        *module_location,
                        &format!("{module_path}.targets.{}[{id_at}]", target.name),
                        ProblemKind::UndeclaredTestcase(id.clone()),
                        official,
                    );
                }
            }
        }

        // Timeline entries naming unknown versions.
        for (entry, places) in timeline.iter().zip(&timeline_places) {
            for ((name, _), (path, location)) in entry.versions.iter().zip(places) {
                if !version_index.contains_key(name) {
                    self.problem_with(
                        *location,
                        path,
                        ProblemKind::UnknownVersion(name.clone()),
                        OfficialLoad::Crashes,
                    );
                }
            }
        }

        Some(Scope {
            uuid: uuid?,
            name: name?,
            url: url?,
            variables,
            prerequisite,
            scripts,
            testcases,
            modules,
            versions,
            timeline,
            testcase_index,
            module_index,
            version_index,
        })
    }

    fn read_variables(&mut self, node: &Node, path: &str) -> Vec<Variable> {
        let Some(items) = self.sequence(node, path) else {
            return Vec::new();
        };
        let mut variables = Vec::new();
        for (at, item) in items.iter().enumerate() {
            let item_path = index(path, at);
            match &item.value {
                Value::String(name) => variables.push(Variable {
                    name: name.clone(),
                    default: None,
                }),
                Value::Mapping(_) => {
                    for (name, default) in self.text_map(item, &item_path) {
                        variables.push(Variable {
                            name,
                            default: Some(default),
                        });
                    }
                }
                _ => self.problem(
                    item,
                    &item_path,
                    ProblemKind::WrongType {
                        expected: "a name or a mapping of a name to its default",
                        found: item.kind(),
                    },
                ),
            }
        }
        variables
    }

    fn read_script(
        &mut self,
        node: &Node,
        path: &str,
        script_at: usize,
        testcases: &mut Vec<Testcase>,
    ) -> Option<Script> {
        let entries = self.mapping(node, path)?;
        let executable = self.optional_string(&entries, "executable");
        let args = self.optional_string(&entries, "args");
        let env = entries
            .get("env")
            .map(|env| self.text_map(env, &entries.child("env")))
            .unwrap_or_default();
        let mut own = Vec::new();
        if let Some(list) = self.required(node, &entries, "testcases") {
            let list_path = entries.child("testcases");
            if let Some(items) = self.sequence(list, &list_path) {
                for (at, item) in items.iter().enumerate() {
                    let item_path = index(&list_path, at);
                    if let Some(testcase) = self.read_testcase(item, &item_path, script_at) {
                        own.push(testcases.len());
                        testcases.push(testcase);
                        self.testcase_paths.push(item_path);
                    }
                }
            }
        }
        Some(Script {
            executable,
            args,
            env,
            testcases: own,
            location: node.location,
        })
    }

    fn read_testcase(&mut self, node: &Node, path: &str, script: usize) -> Option<Testcase> {
        let entries = self.mapping(node, path)?;
        let id = self.required_string(node, &entries, "id");
        let lifetime = match entries.get("lifetime") {
            None => Lifetime::Week,
            Some(value) => {
                // A bad lifetime is reported; the testcase stays declared (as a week), so that
                // its targets do not report it as undeclared as well.
                let value_path = entries.child("lifetime");
                match self.string(value, &value_path) {
                    None => Lifetime::Week,
                    Some(text) => text.parse().unwrap_or_else(|_| {
                        self.problem(value, &value_path, ProblemKind::UnknownLifetime(text));
                        Lifetime::Week
                    }),
                }
            }
        };
        let section = self.optional_string(&entries, "section");
        let description = self.optional_string(&entries, "description");
        let url = self.optional_string(&entries, "url");
        Some(Testcase {
            id: id?,
            lifetime,
            section,
            description,
            url,
            script,
            stable_main_versions: 0,
            location: node.location,
        })
    }

    fn read_module(&mut self, node: &Node, path: &str) -> Option<Module> {
        let entries = self.mapping(node, path)?;
        let id = self.required_string(node, &entries, "id");
        let name = self.optional_string(&entries, "name");
        let url = self.optional_string(&entries, "url");
        let parameters = entries
            .get("parameters")
            .map(|parameters| self.text_map(parameters, &entries.child("parameters")))
            .unwrap_or_default();
        let mut targets = Vec::new();
        if let Some(node) = entries.get("targets") {
            let targets_path = entries.child("targets");
            if let Some(target_entries) = self.mapping(node, &targets_path) {
                for (key, list) in target_entries.entries {
                    let Some(target_name) = self.string(key, &targets_path) else {
                        continue;
                    };
                    let target_path = join(&targets_path, &target_name);
                    let mut ids = Vec::new();
                    if list.value != Value::Null {
                        if let Some(items) = self.sequence(list, &target_path) {
                            for (at, item) in items.iter().enumerate() {
                                if let Some(id) = self.string(item, &index(&target_path, at)) {
                                    ids.push(id);
                                }
                            }
                        }
                    }
                    targets.push(Target {
                        name: target_name,
                        testcases: ids,
                    });
                }
            }
        }
        Some(Module {
            id: id?,
            name,
            url,
            parameters,
            targets,
        })
    }

    fn read_version(&mut self, node: &Node, path: &str) -> Option<Version> {
        let entries = self.mapping(node, path)?;
        let name = self.required_string(node, &entries, "version");
        let stabilized_at = entries
            .get("stabilized_at")
            .and_then(|date| self.date(date, &entries.child("stabilized_at")));
        let mut include = Vec::new();
        if let Some(list) = self.required(node, &entries, "include") {
            let list_path = entries.child("include");
            if let Some(items) = self.sequence(list, &list_path) {
                for (at, item) in items.iter().enumerate() {
                    let item_path = index(&list_path, at);
                    match &item.value {
                        Value::String(module) => include.push(Include {
                            module: module.clone(),
                            parameters: Vec::new(),
                            location: item.location,
                        }),
                        Value::Mapping(_) => {
                            let Some(item_entries) = self.mapping(item, &item_path) else {
                                continue;
                            };
                            let module = self.required_string(item, &item_entries, "ref");
                            let parameters = item_entries
                                .get("parameters")
                                .map(|node| self.text_map(node, &item_entries.child("parameters")))
                                .unwrap_or_default();
                            if let Some(module) = module {
                                include.push(Include {
                                    module,
                                    parameters,
                                    location: item.location,
                                });
                            }
                        }
                        _ => self.problem(
                            item,
                            &item_path,
                            ProblemKind::WrongType {
                                expected: "a module id or a mapping with `ref`",
                                found: item.kind(),
                            },
                        ),
                    }
                }
            }
        }
        Some(Version {
            name: name?,
            stabilized_at,
            include,
            targets: Vec::new(),
            location: node.location,
        })
    }

    fn read_timeline_entry(
        &mut self,
        node: &Node,
        path: &str,
        places: &mut Vec<Vec<(String, Option<Location>)>>,
    ) -> Option<TimelineEntry> {
        let entries = self.mapping(node, path)?;
        let date = self
            .required(node, &entries, "date")
            .and_then(|date| self.date(date, &entries.child("date")));
        let mut versions = Vec::new();
        let mut version_places = Vec::new();
        if let Some(list) = self.required(node, &entries, "versions") {
            let list_path = entries.child("versions");
            if let Some(list_entries) = self.mapping(list, &list_path) {
                for (key, code) in list_entries.entries {
                    let Some(name) = self.string(key, &list_path) else {
                        continue;
                    };
                    let code_path = join(&list_path, &name);
                    let validity = match &code.value {
                        Value::Null => None,
                        Value::String(text) if text.is_empty() => None,
                        _ => {
                            let text = self.string(code, &code_path)?;
                            match text.parse::<Validity>() {
                                Ok(validity) => Some(validity),
                                Err(_) => {
                                    self.problem(
                                        code,
                                        &code_path,
                                        ProblemKind::UnknownValidity(text),
                                    );
                                    None
                                }
                            }
                        }
                    };
                    version_places.push((code_path, key.location));
                    versions.push((name, validity));
                }
            }
        }
        let date = date?;
        places.push(version_places);
        Some(TimelineEntry { date, versions })
    }
}

/// A calendar date written `YYYY-MM-DD` (as a YAML date is).
fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes[range].iter().try_fold(0u32, |value, &byte| {
            byte.is_ascii_digit()
                .then(|| value * 10 + u32::from(byte - b'0'))
        })
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}
