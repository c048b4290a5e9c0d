//! The module graph of a crate, read with syn: which module each `use` and each path
//! (`crate::…`, `super::…`, `self::…`, a child module's name, a name a `use` brought in)
//! leads to, re-exports followed to the module that defines the item.
//!
//! An edge from module S to module T counts at the level of their nearest common ancestor
//! C: between the two children of C that lead to S and T; when one of them is C itself, its
//! own items (`C (its own items)`) stand for it. A circle is a strongly connected set of
//! those nodes under one parent. `#[cfg(test)]` modules are left out; paths inside
//! `quote!`-like macros are the generated code's, not this crate's.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// A module's path from the crate root (`[]` is the root).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ModPath(pub Vec<String>);

impl fmt::Display for ModPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("crate")?;
        for segment in &self.0 {
            write!(f, "::{segment}")?;
        }
        Ok(())
    }
}

/// What a module holds and refers to.
#[derive(Debug, Default)]
pub struct Module {
    pub file: PathBuf,
    pub children: BTreeSet<String>,
    /// Names bound by `use` (and `extern crate`): name → the path as written.
    imports: BTreeMap<String, Vec<String>>,
    /// Every path the module's code and `use`s name, as written.
    refs: Vec<Vec<String>>,
}

/// Every module of one crate.
#[derive(Debug, Default)]
pub struct Crate {
    pub modules: BTreeMap<ModPath, Module>,
    /// `#[macro_export]` macros: named at the crate root, defined in a module.
    exported_macros: BTreeMap<String, ModPath>,
}

impl Crate {
    /// Reads the crate whose root file is `root` (`src/lib.rs`) and every module file it
    /// declares.
    pub fn load(root: &Path) -> Result<Crate, String> {
        let mut krate = Crate::default();
        let dir = root.parent().unwrap_or(Path::new(".")).to_path_buf();
        krate.load_file(ModPath(Vec::new()), root, dir)?;
        Ok(krate)
    }

    fn load_file(&mut self, path: ModPath, file: &Path, child_dir: PathBuf) -> Result<(), String> {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let parsed = syn::parse_file(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        self.load_items(path, file, child_dir, &parsed.items)
    }

    fn load_items(
        &mut self,
        path: ModPath,
        file: &Path,
        child_dir: PathBuf,
        items: &[syn::Item],
    ) -> Result<(), String> {
        let mut module = Module { file: file.to_path_buf(), ..Module::default() };
        let mut collector = Refs::default();
        let mut nested = Vec::new();
        for item in items {
            match item {
                syn::Item::Mod(m) if is_test(&m.attrs) => {}
                syn::Item::Mod(m) => {
                    module.children.insert(m.ident.to_string());
                    nested.push(m);
                }
                syn::Item::Use(u) => {
                    let mut bound = Vec::new();
                    flatten_use(&u.tree, &mut Vec::new(), &mut bound);
                    for (name, full) in bound {
                        collector.paths.push(full.clone());
                        if let Some(name) = name {
                            module.imports.insert(name, full);
                        }
                    }
                }
                syn::Item::ExternCrate(e) => {
                    let name = e.rename.as_ref().map_or(&e.ident, |(_, r)| r).to_string();
                    module.imports.insert(name, vec![e.ident.to_string()]);
                }
                syn::Item::Macro(m) if m.attrs.iter().any(|a| a.path().is_ident("macro_export")) => {
                    if let Some(name) = &m.ident {
                        self.exported_macros.insert(name.to_string(), path.clone());
                    }
                    collector.visit_item(item);
                }
                other => collector.visit_item(other),
            }
        }
        module.refs = collector.paths;
        self.modules.insert(path.clone(), module);
        for m in nested {
            let mut child = path.clone();
            child.0.push(m.ident.to_string());
            let own_dir = child_dir.join(m.ident.to_string());
            match &m.content {
                Some((_, items)) => self.load_items(child, file, own_dir, items)?,
                None => {
                    let target = match path_attr(&m.attrs) {
                        Some(rel) => file.parent().unwrap_or(Path::new(".")).join(rel),
                        None => {
                            let flat = child_dir.join(format!("{}.rs", m.ident));
                            if flat.is_file() {
                                flat
                            } else {
                                child_dir.join(m.ident.to_string()).join("mod.rs")
                            }
                        }
                    };
                    let dir = if target.file_name().is_some_and(|n| n == "mod.rs") || path_attr(&m.attrs).is_some() {
                        target.parent().unwrap_or(Path::new(".")).to_path_buf()
                    } else {
                        own_dir
                    };
                    self.load_file(child, &target, dir)?;
                }
            }
        }
        Ok(())
    }

    /// The module a path written in `from` leads to (`None`: another crate, or a name
    /// this reading cannot place).
    fn resolve(&self, from: &ModPath, written: &[String], depth: usize) -> Option<ModPath> {
        if depth > 8 || written.is_empty() {
            return None;
        }
        let (mut at, rest) = match written[0].as_str() {
            "crate" => (ModPath(Vec::new()), &written[1..]),
            "self" => (from.clone(), &written[1..]),
            "super" => {
                let mut at = from.clone();
                let mut rest = written;
                while rest.first().is_some_and(|s| s == "super") {
                    at.0.pop()?;
                    rest = &rest[1..];
                }
                (at, rest)
            }
            first => {
                let module = self.modules.get(from)?;
                if module.children.contains(first) {
                    (from.clone(), written)
                } else if let Some(import) = module.imports.get(first) {
                    if import.first().is_some_and(|s| s == first) && import.len() == 1 {
                        return None; // `extern crate x` or `use x;`
                    }
                    let mut full = import.clone();
                    full.extend_from_slice(&written[1..]);
                    return self.resolve(from, &full, depth + 1);
                } else {
                    return None;
                }
            }
        };
        for (i, segment) in rest.iter().enumerate() {
            let module = self.modules.get(&at)?;
            if module.children.contains(segment) {
                at.0.push(segment.clone());
            } else if let Some(import) = module.imports.get(segment) {
                let mut full = import.clone();
                full.extend_from_slice(&rest[i + 1..]);
                return self.resolve(&at, &full, depth + 1).or(Some(at));
            } else if let Some(home) = self.exported_macros.get(segment).filter(|_| at.0.is_empty()) {
                return Some(home.clone());
            } else {
                break;
            }
        }
        Some(at)
    }

    /// The circles: one line each, the modules under one parent that reach each other,
    /// with one reference of each edge.
    pub fn cycles(&self) -> Vec<String> {
        // parent → (from node → to node → an example).
        let mut graphs: BTreeMap<ModPath, BTreeMap<String, BTreeMap<String, String>>> = BTreeMap::new();
        for (source, module) in &self.modules {
            for written in &module.refs {
                let Some(target) = self.resolve(source, written, 0) else { continue };
                if &target == source {
                    continue;
                }
                let common = source.0.iter().zip(&target.0).take_while(|(a, b)| a == b).count();
                let parent = ModPath(source.0[..common].to_vec());
                let node = |path: &ModPath| match path.0.get(common) {
                    Some(_) => ModPath(path.0[..=common].to_vec()).to_string(),
                    None => format!("{path} (its own items)"),
                };
                let example = format!("{} names {}", module.file.display(), written.join("::"));
                graphs
                    .entry(parent)
                    .or_default()
                    .entry(node(source))
                    .or_default()
                    .entry(node(&target))
                    .or_insert(example);
            }
        }
        let mut out = Vec::new();
        for (parent, graph) in &graphs {
            for component in strongly_connected(graph) {
                let mut edges = Vec::new();
                for from in &component {
                    for (to, example) in graph.get(from).into_iter().flatten() {
                        if component.contains(to) {
                            edges.push(format!("{from} -> {to} ({example})"));
                        }
                    }
                }
                out.push(format!("under {parent}: {}", edges.join("; ")));
            }
        }
        out
    }
}

/// Strongly connected components of more than one node (Tarjan).
fn strongly_connected(graph: &BTreeMap<String, BTreeMap<String, String>>) -> Vec<BTreeSet<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeMap<String, String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        out: Vec<BTreeSet<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, node: &'a str) {
        let n = s.index.len();
        s.index.insert(node, n);
        s.low.insert(node, n);
        s.stack.push(node);
        s.on_stack.insert(node);
        for next in s.graph.get(node).into_iter().flat_map(|m| m.keys()) {
            if !s.index.contains_key(next.as_str()) {
                visit(s, next);
                let low = s.low[next.as_str()].min(s.low[node]);
                s.low.insert(node, low);
            } else if s.on_stack.contains(next.as_str()) {
                let low = s.index[next.as_str()].min(s.low[node]);
                s.low.insert(node, low);
            }
        }
        if s.low[node] == s.index[node] {
            let mut component = BTreeSet::new();
            while let Some(top) = s.stack.pop() {
                s.on_stack.remove(top);
                component.insert(top.to_string());
                if top == node {
                    break;
                }
            }
            if component.len() > 1 {
                s.out.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node.as_str()) {
            visit(&mut state, node);
        }
    }
    state.out
}

fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| a.path().is_ident("cfg") && a.meta.require_list().is_ok_and(|l| l.tokens.to_string().trim() == "test"))
}

fn path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find(|a| a.path().is_ident("path")).and_then(|a| match &a.meta {
        syn::Meta::NameValue(nv) => match &nv.value {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

/// The names a `use` tree binds (`None` for a glob) and their full paths as written.
fn flatten_use(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<(Option<String>, Vec<String>)>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten_use(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let mut full = prefix.clone();
            let name = n.ident.to_string();
            if name == "self" {
                out.push((prefix.last().cloned(), full));
            } else {
                full.push(name.clone());
                out.push((Some(name), full));
            }
        }
        syn::UseTree::Rename(r) => {
            let mut full = prefix.clone();
            if r.ident != "self" {
                full.push(r.ident.to_string());
            }
            out.push((Some(r.rename.to_string()), full));
        }
        syn::UseTree::Glob(_) => out.push((None, prefix.clone())),
        syn::UseTree::Group(g) => {
            for tree in &g.items {
                flatten_use(tree, prefix, out);
            }
        }
    }
}

/// Every path in the code (types, expressions, patterns, attributes' macros), and
/// `crate::…` / `super::…` / `self::…` sequences inside macro calls.
#[derive(Default)]
struct Refs {
    paths: Vec<Vec<String>>,
}

impl<'ast> Visit<'ast> for Refs {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.segments.len() > 1 || path.segments.first().is_some_and(|s| s.ident == "crate" || s.ident == "super") {
            self.paths.push(path.segments.iter().map(|s| s.ident.to_string()).collect());
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_item_mod(&mut self, _: &'ast syn::ItemMod) {}

    /// `pub(crate)`, `pub(super)`: who may see an item, not a use of another module.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut bound = Vec::new();
        flatten_use(&item.tree, &mut Vec::new(), &mut bound);
        self.paths.extend(bound.into_iter().map(|(_, full)| full));
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let name = mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        if !matches!(name.as_str(), "quote" | "quote_spanned" | "parse_quote" | "parse_quote_spanned" | "format_ident")
        {
            self.scan_tokens(mac.tokens.clone());
        }
        syn::visit::visit_macro(self, mac);
    }
}

impl Refs {
    fn scan_tokens(&mut self, tokens: proc_macro2::TokenStream) {
        use proc_macro2::TokenTree;
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < trees.len() {
            match &trees[i] {
                TokenTree::Group(g) => self.scan_tokens(g.stream()),
                TokenTree::Ident(id) if id == "crate" || id == "super" || id == "self" => {
                    let mut path = vec![id.to_string()];
                    let mut j = i + 1;
                    while j + 2 < trees.len() + 1 {
                        let colons = matches!((&trees.get(j), &trees.get(j + 1)),
                            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b))) if a.as_char() == ':' && b.as_char() == ':');
                        match (colons, trees.get(j + 2)) {
                            (true, Some(TokenTree::Ident(next))) => {
                                path.push(next.to_string());
                                j += 3;
                            }
                            _ => break,
                        }
                    }
                    if path.len() > 1 {
                        self.paths.push(path);
                    }
                    i = j;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }
}
