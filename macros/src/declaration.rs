//! A collection's declaration as the attribute reads it: the collection's options and, field by
//! field, what the field holds, who writes it and what a list may do with it.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Error, Expr, GenericArgument, Ident, Lit, LitStr, Path, PathArguments, Result, Type};

/// `#[collection(entity = Customer, table = customers, display = name, range = created_at,
/// filters(overdue: bool = "Overdue"), search = extra_search)]`.
pub struct Collection {
    pub entity: Ident,
    pub table: Ident,
    pub display: Option<Ident>,
    /// The date field `?from=` / `?to=` filter by.
    pub range: Option<Ident>,
    pub filters: Vec<Special>,
    /// The field whose value is the number `?q=` matches (`42`, `#42`) when the collection is
    /// known by number: `id`, or a reference (a delivery is known by its order's number).
    pub number: Option<Ident>,
    /// Write the collection's `impl Resource` too: plain create, update and delete, no rules.
    pub resource: bool,
}

/// A filter that is not one field's: `name: Type = "Label"`.
pub struct Special {
    pub name: Ident,
    pub ty: Type,
    pub label: LitStr,
}

impl Collection {
    pub fn parse(args: TokenStream) -> Result<Collection> {
        let (mut entity, mut table, mut display, mut range, mut number, mut filters) =
            (None, None, None, None, None, Vec::new());
        let mut resource = false;
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident("entity") {
                entity = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("table") {
                table = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("display") {
                display = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("range") {
                range = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("resource") {
                resource = true;
            } else if meta.path.is_ident("number") {
                number = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("filters") {
                meta.parse_nested_meta(|filter| {
                    let name = filter.path.get_ident().cloned().ok_or_else(|| filter.error("a filter's name"))?;
                    filter.input.parse::<syn::Token![:]>()?;
                    let ty: Type = filter.input.parse()?;
                    filter.input.parse::<syn::Token![=]>()?;
                    let label: LitStr = filter.input.parse()?;
                    filters.push(Special { name, ty, label });
                    Ok(())
                })?;
            } else {
                return Err(meta.error("unknown collection option"));
            }
            Ok(())
        });
        syn::parse::Parser::parse2(parser, args)?;
        Ok(Collection {
            entity: entity.ok_or_else(|| Error::new(Span::call_site(), "`entity = …` is required"))?,
            table: table.ok_or_else(|| Error::new(Span::call_site(), "`table = …` is required"))?,
            display,
            range,
            filters,
            number,
            resource,
        })
    }
}

/// What a field holds (the catalogue's `Kind`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    LongText,
    Email,
    Phone,
    Money,
    Integer,
    Number,
    Boolean,
    Date,
    Month,
    Timestamp,
    Enum,
    Reference,
    References,
    Lines,
}

/// Each kind a field may name: its word in `#[field(…)]` and its `domain::fields::Kind` variant.
/// Enums and references are named by `one_of`/`status` and `reference` instead.
const KINDS: &[(&str, &str, Kind)] = &[
    ("text", "Text", Kind::Text),
    ("long_text", "LongText", Kind::LongText),
    ("email", "Email", Kind::Email),
    ("phone", "Phone", Kind::Phone),
    ("money", "Money", Kind::Money),
    ("integer", "Integer", Kind::Integer),
    ("number", "Number", Kind::Number),
    ("boolean", "Boolean", Kind::Boolean),
    ("date", "Date", Kind::Date),
    ("month", "Month", Kind::Month),
    ("timestamp", "Timestamp", Kind::Timestamp),
    ("enum", "Enum", Kind::Enum),
    ("reference", "Reference", Kind::Reference),
    ("references", "References", Kind::References),
    ("lines", "Lines", Kind::Lines),
];

impl Kind {
    fn from_word(word: &str) -> Option<Kind> {
        // `enum` and `reference` are not words of their own: they come with their values or collection.
        KINDS.iter().find(|(name, _, kind)| *name == word && !matches!(kind, Kind::Enum | Kind::Reference)).map(|k| k.2)
    }

    pub fn variant(self) -> Ident {
        let (_, name, _) = KINDS.iter().find(|(_, _, kind)| *kind == self).expect("every kind is in KINDS");
        Ident::new(name, Span::call_site())
    }

    pub fn is_text(self) -> bool {
        matches!(self, Kind::Text | Kind::LongText | Kind::Email | Kind::Phone | Kind::Month)
    }

    /// The kind a field of this Rust type holds when its attribute names none.
    fn of(ty: &Type) -> Option<Kind> {
        let last = type_name(ty)?;
        Some(match last.as_str() {
            "String" => Kind::Text,
            "i64" => Kind::Integer,
            "bool" => Kind::Boolean,
            "f64" => Kind::Number,
            "NaiveDate" => Kind::Date,
            "NaiveDateTime" => Kind::Timestamp,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Writable {
    Always,
    Create,
    Never,
}

pub struct Field {
    pub name: Ident,
    /// The type a record carries (`Option<…>` when nullable).
    pub ty: Type,
    /// The type without its `Option`.
    pub inner: Type,
    pub nullable: bool,
    pub docs: Vec<Attribute>,
    pub kind: Kind,
    pub label: String,
    /// An enum's values: a path to a `&[&str]`.
    pub values: Option<TokenStream>,
    /// A status enum's type (the record carries it; forms carry its name).
    pub status: Option<Path>,
    /// A reference's collection (an `Entity` variant).
    pub reference: Option<Ident>,
    pub writable: Writable,
    /// What the server stores when a create leaves it out (a literal).
    pub default: Option<Lit>,
    /// Optional on create although every record has one: the entity fills it in.
    pub filled: bool,
    /// Not a column: only the forms carry it, the entity stores it.
    pub input: bool,
    pub max: Option<Expr>,
    pub min: Option<Expr>,
    pub sortable: bool,
    pub searchable: bool,
    /// For a searchable reference: the column of the referenced table `?q=` looks in.
    pub search: Option<Ident>,
    pub filter: bool,
    /// The filter matches text without regard to case or surrounding spaces.
    pub any_case: bool,
    pub summed: bool,
}

impl Field {
    pub fn parse(field: &syn::Field) -> Result<Option<Field>> {
        let Some(attr) = field.attrs.iter().find(|attr| attr.path().is_ident("field")) else {
            return Ok(None);
        };
        let name = field.ident.clone().ok_or_else(|| Error::new_spanned(field, "a named field"))?;
        let (nullable, inner) = match option_inner(&field.ty) {
            Some(inner) => (true, inner.clone()),
            None => (false, field.ty.clone()),
        };
        let mut declared = Field {
            label: label_of(&name.to_string()),
            name,
            ty: field.ty.clone(),
            kind: Kind::of(&inner).unwrap_or(Kind::Text),
            inner,
            nullable,
            docs: field.attrs.iter().filter(|attr| attr.path().is_ident("doc")).cloned().collect(),
            values: None,
            status: None,
            reference: None,
            writable: Writable::Always,
            default: None,
            filled: false,
            input: false,
            max: None,
            min: None,
            sortable: false,
            searchable: false,
            search: None,
            filter: false,
            any_case: false,
            summed: false,
        };
        attr.parse_nested_meta(|meta| declared.option(meta))?;
        if declared.kind == Kind::Money && declared.min.is_none() {
            declared.min = Some(syn::parse_quote!(0));
        }
        if declared.kind.is_text() && declared.kind != Kind::Month && declared.max.is_none() {
            let max: Expr = if declared.kind == Kind::Email {
                syn::parse_quote!(254)
            } else {
                // The same as `crate::entities::MAX_TEXT`; a literal, as utoipa's attributes take.
                syn::parse_quote!(2000)
            };
            declared.max = Some(max);
        }
        Ok(Some(declared))
    }

    fn option(&mut self, meta: ParseNestedMeta) -> Result<()> {
        let word = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
        if let Some(kind) = Kind::from_word(&word) {
            self.kind = kind;
            return Ok(());
        }
        match word.as_str() {
            "one_of" => {
                let path: Path = meta.value()?.parse()?;
                self.values = Some(quote!(#path));
                self.kind = Kind::Enum;
            }
            "status" => {
                let path: Path = meta.value()?.parse()?;
                self.values = Some(quote!(<#path as crate::domain::status::Status>::NAMES));
                self.status = Some(path);
                self.kind = Kind::Enum;
            }
            "reference" => {
                self.reference = Some(meta.value()?.parse()?);
                if self.kind != Kind::References {
                    self.kind = Kind::Reference;
                }
            }
            "label" => self.label = meta.value()?.parse::<LitStr>()?.value(),
            "server" => self.writable = Writable::Never,
            "create_only" => self.writable = Writable::Create,
            "default" => self.default = Some(meta.value()?.parse()?),
            "filled" => self.filled = true,
            "input" => self.input = true,
            "max" => self.max = Some(meta.value()?.parse()?),
            "min" => self.min = Some(meta.value()?.parse()?),
            "sortable" => self.sortable = true,
            "searchable" => {
                self.searchable = true;
                if meta.input.peek(syn::Token![=]) {
                    self.search = Some(meta.value()?.parse()?);
                }
            }
            "filter" => self.filter = true,
            "any_case" => self.any_case = true,
            "summed" => self.summed = true,
            _ => return Err(meta.error("unknown field option")),
        }
        Ok(())
    }

    /// Must be given when creating.
    pub fn required(&self) -> bool {
        self.writable != Writable::Never
            && !self.nullable
            && self.default.is_none()
            && !self.filled
            && self.kind != Kind::References
    }

    /// In the forms at all.
    pub fn in_new(&self) -> bool {
        self.writable != Writable::Never
    }

    pub fn in_changes(&self) -> bool {
        self.writable == Writable::Always
    }

    /// The type a form carries for one value: an enum's name, a date as `Day`.
    pub fn form_type(&self) -> TokenStream {
        match self.kind {
            Kind::Enum => quote!(String),
            Kind::Date => quote!(crate::entities::Day),
            _ => {
                let inner = &self.inner;
                quote!(#inner)
            }
        }
    }
}

/// `customer_id` → "Customer", `total_cents` → "Total", `issue_date` → "Issue date".
fn label_of(name: &str) -> String {
    let base = ["_id", "_cents", "_at"].iter().find_map(|suffix| name.strip_suffix(suffix)).unwrap_or(name);
    let spaced = base.replace('_', " ");
    let mut chars = spaced.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

pub fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else { return None };
    match args.args.first()? {
        GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

fn type_name(ty: &Type) -> Option<String> {
    let Type::Path(path) = ty else { return None };
    Some(path.path.segments.last()?.ident.to_string())
}

/// `TransitBatch` → `transit_batches`: the table of an `Entity` variant.
pub fn table_of(entity: &Ident) -> Ident {
    let mut snake = String::new();
    for (i, c) in entity.to_string().chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            snake.push('_');
        }
        snake.push(c.to_ascii_lowercase());
    }
    let plural = match snake.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None if snake.ends_with('s') => format!("{snake}es"),
        None => format!("{snake}s"),
    };
    Ident::new(&plural, entity.span())
}
