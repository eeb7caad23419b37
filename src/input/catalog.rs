//! The Keystone service catalog: which services a cloud offers, and where.
//!
//! Reads the catalog of a Keystone v3 token and the output of `openstack catalog list -f json`
//! into one model, [`Catalog`], a list of [`CatalogService`]s.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// One endpoint of a catalog service.
///
/// Every field but `url` may be absent; `url` is empty when the input had none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Endpoint {
    /// `public`, `internal` or `admin` (the Keystone v2 spellings `publicURL`, `internalURL`
    /// and `adminURL` are read as these).
    pub interface: Option<String>,
    /// The region name.
    pub region: Option<String>,
    /// The region id (Keystone v3).
    pub region_id: Option<String>,
    /// The endpoint URL.
    pub url: String,
    /// The endpoint id.
    pub id: Option<String>,
}

impl Endpoint {
    /// A public endpoint with no region and no id.
    pub fn public(url: impl Into<String>) -> Self {
        Endpoint {
            interface: Some("public".to_owned()),
            url: url.into(),
            ..Endpoint::default()
        }
    }

    /// Whether the endpoint has a URL (a non-blank `url`).
    pub fn has_url(&self) -> bool {
        !self.url.trim().is_empty()
    }
}

/// One service of the catalog: its type, name, id and endpoints.
///
/// Deserializes from
///
/// - a service of the Keystone v3 token catalog: `type`, `name`, `id`, `endpoints` (a list of
///   `{interface, region, region_id, url, id}`); Keystone v2 style endpoints
///   (`{region, publicURL, internalURL, adminURL}`) give one endpoint per URL;
/// - a row of `openstack catalog list -f json`: `Type`, `Name` and `Endpoints`, which older
///   clients print as a text blob (`RegionOne\n  public: https://…\n`, one region line then one
///   `interface: url` line per endpoint; a region `<none>` reads as no region) and newer ones
///   as the list above. The text is read liberally: a line `interface: url` is an endpoint in
///   the region of the last region line, a line holding only a URL is an endpoint without
///   interface, anything else is a region line.
///
/// A `null` name or endpoint list reads as absent; other keys (`links`) are ignored.
///
/// ```
/// use scs_validators::input::catalog::CatalogService;
/// let cli: CatalogService = serde_json::from_str(
///     r#"{"Name": "nova", "Type": "compute",
///         "Endpoints": "RegionOne\n  public: https://compute.example.com/v2.1\n"}"#,
/// )?;
/// assert_eq!(cli.service_type, "compute");
/// assert_eq!(cli.endpoints[0].interface.as_deref(), Some("public"));
/// assert_eq!(cli.endpoints[0].region.as_deref(), Some("RegionOne"));
/// assert_eq!(cli.endpoints[0].url, "https://compute.example.com/v2.1");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CatalogService {
    /// The service type (`compute`, `volumev3`, …; the JSON key `type` or `Type`), compared
    /// exactly: service types are case-sensitive.
    #[serde(rename = "type")]
    pub service_type: String,
    /// The service name (`nova`, …).
    pub name: Option<String>,
    /// The service id.
    pub id: Option<String>,
    /// The endpoints, in catalog order.
    pub endpoints: Vec<Endpoint>,
}

impl CatalogService {
    /// A service of type `service_type` with no name, id or endpoints.
    pub fn new(service_type: impl Into<String>) -> Self {
        CatalogService {
            service_type: service_type.into(),
            ..CatalogService::default()
        }
    }

    /// The same service with a name.
    #[must_use]
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The same service with one more endpoint.
    #[must_use]
    pub fn with_endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoints.push(endpoint);
        self
    }

    /// Whether at least one endpoint has a URL.
    pub fn has_endpoint(&self) -> bool {
        self.endpoints.iter().any(Endpoint::has_url)
    }

    /// The name when there is a non-empty one, else the type: how findings name the service.
    pub fn label(&self) -> &str {
        match self.name.as_deref() {
            Some(name) if !name.is_empty() => name,
            _ => &self.service_type,
        }
    }
}

impl<'de> Deserialize<'de> for CatalogService {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ServiceVisitor)
    }
}

struct ServiceVisitor;

impl<'de> Visitor<'de> for ServiceVisitor {
    type Value = CatalogService;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a catalog service object with a type")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CatalogService, A::Error> {
        let mut service_type: Option<String> = None;
        let mut name = None;
        let mut id = None;
        let mut endpoints = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "type" | "Type" => {
                    let v: String = map.next_value()?;
                    service_type.get_or_insert(v);
                }
                "name" | "Name" => {
                    let v: Option<String> = map.next_value()?;
                    if name.is_none() {
                        name = v;
                    }
                }
                "id" | "ID" => {
                    let v: Option<String> = map.next_value()?;
                    if id.is_none() {
                        id = v;
                    }
                }
                "endpoints" | "Endpoints" => {
                    let v: Option<Endpoints> = map.next_value()?;
                    if let Some(Endpoints(v)) = v {
                        endpoints.get_or_insert(v);
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(CatalogService {
            service_type: service_type.ok_or_else(|| de::Error::missing_field("type"))?,
            name,
            id,
            endpoints: endpoints.unwrap_or_default(),
        })
    }
}

/// An endpoint list: JSON objects (v3 or v2 style) or the CLI's text blob.
struct Endpoints(Vec<Endpoint>);

impl<'de> Deserialize<'de> for Endpoints {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Endpoints;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of endpoints or the `openstack catalog list` endpoint text")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Endpoints, E> {
                Ok(Endpoints(parse_endpoint_text(text)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Endpoints, A::Error> {
                let mut out = Vec::new();
                while let Some(RawEndpoint(eps)) = seq.next_element::<RawEndpoint>()? {
                    out.extend(eps);
                }
                Ok(Endpoints(out))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// One endpoint object; a Keystone v2 object with several URLs gives several endpoints.
struct RawEndpoint(Vec<Endpoint>);

impl<'de> Deserialize<'de> for RawEndpoint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawEndpoint;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an endpoint object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEndpoint, A::Error> {
                let mut base = Endpoint::default();
                let mut url = None;
                let mut v2_urls: Vec<(&'static str, String)> = Vec::new();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    let v2_interface = match key.as_ref() {
                        "interface" => {
                            base.interface = map.next_value::<Option<String>>()?.map(normalize);
                            continue;
                        }
                        "region" => {
                            base.region = map.next_value()?;
                            continue;
                        }
                        "region_id" => {
                            base.region_id = map.next_value()?;
                            continue;
                        }
                        "url" => {
                            url = map.next_value::<Option<String>>()?;
                            continue;
                        }
                        "id" => {
                            base.id = map.next_value()?;
                            continue;
                        }
                        "publicURL" => "public",
                        "internalURL" => "internal",
                        "adminURL" => "admin",
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    };
                    if let Some(v) = map.next_value::<Option<String>>()? {
                        v2_urls.push((v2_interface, v));
                    }
                }
                if url.is_some() || v2_urls.is_empty() {
                    base.url = url.unwrap_or_default();
                    return Ok(RawEndpoint(vec![base]));
                }
                Ok(RawEndpoint(
                    v2_urls
                        .into_iter()
                        .map(|(interface, url)| Endpoint {
                            interface: Some(interface.to_owned()),
                            url,
                            ..base.clone()
                        })
                        .collect(),
                ))
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// `publicURL` → `public` and so on; other interfaces unchanged.
fn normalize(interface: String) -> String {
    match interface.strip_suffix("URL") {
        Some(base @ ("public" | "internal" | "admin")) => base.to_owned(),
        _ => interface,
    }
}

/// Whether `text` looks like a URL (`scheme://…`).
fn looks_like_url(text: &str) -> bool {
    match text.split_once("://") {
        Some((scheme, rest)) => {
            !scheme.is_empty()
                && !rest.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Reads the endpoint text of `openstack catalog list` (see [`CatalogService`]).
fn parse_endpoint_text(text: &str) -> Vec<Endpoint> {
    let mut out = Vec::new();
    let mut region: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if looks_like_url(trimmed) {
            out.push(Endpoint {
                region: region.clone(),
                url: trimmed.to_owned(),
                ..Endpoint::default()
            });
            continue;
        }
        if let Some((interface, url)) = trimmed.split_once(':') {
            let (interface, url) = (interface.trim(), url.trim());
            if !interface.is_empty() && !interface.contains(char::is_whitespace) && !url.is_empty()
            {
                out.push(Endpoint {
                    interface: Some(normalize(interface.to_owned())),
                    region: region.clone(),
                    url: url.to_owned(),
                    ..Endpoint::default()
                });
                continue;
            }
        }
        region = (trimmed != "<none>").then(|| trimmed.to_owned());
    }
    out
}

/// A service catalog: the services in catalog order.
///
/// Deserializes from
///
/// - a Keystone v3 token (`{"token": {"catalog": [...]}}`, the body of `POST` or
///   `GET /v3/auth/tokens`);
/// - `{"catalog": [...]}` (`GET /v3/auth/catalog`);
/// - a bare list of services, as `openstack catalog list -f json` prints it.
///
/// ```
/// use scs_validators::input::catalog::Catalog;
/// let catalog: Catalog = serde_json::from_str(
///     r#"{"token": {"roles": [{"id": "r1", "name": "member"}], "catalog": [
///         {"type": "identity", "name": "keystone", "id": "s1", "endpoints": [
///             {"id": "e1", "interface": "public", "region": "RegionOne",
///              "region_id": "RegionOne", "url": "https://identity.example.com/v3"}]}]}}"#,
/// )?;
/// assert_eq!(catalog.0.len(), 1);
/// assert!(catalog.of_type("identity").next().is_some());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Catalog(pub Vec<CatalogService>);

impl Catalog {
    /// The services whose type is exactly `service_type`.
    pub fn of_type<'a>(
        &'a self,
        service_type: &'a str,
    ) -> impl Iterator<Item = &'a CatalogService> + 'a {
        self.0
            .iter()
            .filter(move |s| s.service_type == service_type)
    }
}

impl std::ops::Deref for Catalog {
    type Target = [CatalogService];

    fn deref(&self) -> &[CatalogService] {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Catalog {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CatalogVisitor { in_token: false })
    }
}

struct CatalogVisitor {
    in_token: bool,
}

impl<'de> Visitor<'de> for CatalogVisitor {
    type Value = Catalog;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of catalog services, or an object with a `catalog` or `token`")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Catalog, A::Error> {
        let mut out = Vec::new();
        while let Some(service) = seq.next_element::<CatalogService>()? {
            out.push(service);
        }
        Ok(Catalog(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Catalog, A::Error> {
        let mut found = None;
        let mut token_seen = false;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "catalog" if found.is_none() => {
                    found = Some(map.next_value::<Vec<CatalogService>>()?);
                }
                "token" if !self.in_token && found.is_none() => {
                    token_seen = true;
                    found = Some(map.next_value::<TokenCatalog>()?.0 .0);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match found {
            Some(services) => Ok(Catalog(services)),
            None if self.in_token || token_seen => Err(de::Error::custom(
                "the token has no `catalog` (was it issued with `nocatalog`?)",
            )),
            None => Err(de::Error::missing_field("catalog")),
        }
    }
}

/// The `token` object of a Keystone response: only its `catalog` is read.
struct TokenCatalog(Catalog);

impl<'de> Deserialize<'de> for TokenCatalog {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_map(CatalogVisitor { in_token: true })
            .map(TokenCatalog)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_shape() {
        let json = r#"{"token": {"methods": ["password"], "catalog": [
            {"type": "compute", "name": "nova", "id": "c1", "links": {}, "endpoints": [
                {"id": "e1", "interface": "public", "region": "R1", "region_id": "R1",
                 "url": "https://nova.example.com/v2.1"},
                {"id": "e2", "interface": "internal", "region": "R1", "region_id": "R1",
                 "url": "http://10.0.0.1:8774/v2.1"}]},
            {"type": "placement", "name": null, "id": "p1", "endpoints": []}]}}"#;
        let catalog: Catalog = serde_json::from_str(json).unwrap();
        assert_eq!(catalog.len(), 2);
        assert_eq!(catalog[0].endpoints.len(), 2);
        assert_eq!(
            catalog[0].endpoints[1].interface.as_deref(),
            Some("internal")
        );
        assert_eq!(catalog[0].endpoints[0].region_id.as_deref(), Some("R1"));
        assert!(catalog[0].has_endpoint());
        assert_eq!(catalog[1].name, None);
        assert_eq!(catalog[1].label(), "placement");
        assert!(!catalog[1].has_endpoint());
    }

    #[test]
    fn catalog_and_bare_shapes() {
        let wrapped: Catalog =
            serde_json::from_str(r#"{"catalog": [{"type": "image", "endpoints": null}]}"#).unwrap();
        assert_eq!(wrapped[0].service_type, "image");
        let bare: Catalog = serde_json::from_str(
            r#"[{"Type": "network", "Name": "neutron",
            "Endpoints": [{"interface": "public", "url": "https://n.example.com"}]}]"#,
        )
        .unwrap();
        assert_eq!(bare[0].label(), "neutron");
        assert_eq!(bare[0].endpoints[0].url, "https://n.example.com");
    }

    #[test]
    fn keystone_v2_endpoint_objects() {
        let svc: CatalogService = serde_json::from_str(
            r#"{"type": "object-store", "endpoints": [{"region": "R", "publicURL": "https://s/v1",
                "internalURL": "http://i/v1", "adminURL": null}]}"#,
        )
        .unwrap();
        assert_eq!(svc.endpoints.len(), 2);
        assert_eq!(svc.endpoints[0].interface.as_deref(), Some("public"));
        assert_eq!(svc.endpoints[1].interface.as_deref(), Some("internal"));
        assert_eq!(svc.endpoints[1].region.as_deref(), Some("R"));
    }

    #[test]
    fn endpoint_text_liberal() {
        let eps = parse_endpoint_text(
            "RegionOne\n  public: https://a/v1\n<none>\n  publicURL: https://b\n\
             weird region name\nhttps://c:8080/x\n  internal:\n",
        );
        assert_eq!(eps.len(), 3);
        assert_eq!(eps[0].region.as_deref(), Some("RegionOne"));
        assert_eq!(eps[1].region, None);
        assert_eq!(eps[1].interface.as_deref(), Some("public"));
        assert_eq!(eps[2].interface, None);
        assert_eq!(eps[2].url, "https://c:8080/x");
        assert_eq!(eps[2].region.as_deref(), Some("weird region name"));
        assert!(parse_endpoint_text("").is_empty());
    }

    #[test]
    fn errors_name_the_problem() {
        let err = serde_json::from_str::<Catalog>(r#"{"token": {"roles": []}}"#).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("the token has no `catalog` (was it issued with `nocatalog`?)"),
            "{err}"
        );
        let err = serde_json::from_str::<Catalog>(r#"{"services": []}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "missing field `catalog` at line 1 column 16"
        );
        let err = serde_json::from_str::<Catalog>(r#"[{"name": "nova"}]"#).unwrap_err();
        assert_eq!(err.to_string(), "missing field `type` at line 1 column 17");
    }
}
