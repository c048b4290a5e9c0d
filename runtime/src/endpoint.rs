//! Where requests go: the public API's hosts (`{service}.tencentcloudapi.com`, the
//! international and regional ones, a private root domain), or any base URL.

/// Where requests go.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Endpoint {
    /// `https://{service}.tencentcloudapi.com`; finance regions (`…-fsi`) use their
    /// regional host, which they require.
    #[default]
    Default,
    /// `https://{service}.intl.tencentcloudapi.com`.
    International,
    /// `https://{service}.{region}.tencentcloudapi.com`.
    Regional,
    /// Any base URL (a proxy, a test server): `http://127.0.0.1:8080`.
    Url(String),
}

/// The root domain of the public API.
pub const ROOT_DOMAIN: &str = "tencentcloudapi.com";

impl Endpoint {
    /// The URL to post to and the `Host` header for a service and region.
    pub fn resolve(&self, service: &str, region: &str) -> (String, String) {
        self.resolve_in(service, region, ROOT_DOMAIN)
    }

    /// [`Endpoint::resolve`] under another root domain (a private one) than
    /// [`ROOT_DOMAIN`]; a `Url` is taken as it is.
    pub fn resolve_in(&self, service: &str, region: &str, root: &str) -> (String, String) {
        let host = match self {
            Endpoint::Default if region.ends_with("-fsi") => format!("{service}.{region}.{root}"),
            Endpoint::Default => format!("{service}.{root}"),
            Endpoint::International => format!("{service}.intl.{root}"),
            Endpoint::Regional => format!("{service}.{region}.{root}"),
            Endpoint::Url(url) => {
                let base = url.trim_end_matches('/');
                let authority = base.split_once("://").map_or(base, |(_, rest)| rest);
                let authority = authority.split('/').next().unwrap_or(authority);
                return (format!("{base}/"), authority.to_string());
            }
        };
        (format!("https://{host}/"), host)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        assert_eq!(
            Endpoint::Default.resolve("vpc", "ap-guangzhou"),
            ("https://vpc.tencentcloudapi.com/".into(), "vpc.tencentcloudapi.com".into())
        );
        assert_eq!(Endpoint::Default.resolve("vpc", "ap-shanghai-fsi").1, "vpc.ap-shanghai-fsi.tencentcloudapi.com");
        assert_eq!(Endpoint::International.resolve("vpc", "ap-guangzhou").1, "vpc.intl.tencentcloudapi.com");
        assert_eq!(Endpoint::Regional.resolve("cvm", "ap-guangzhou").1, "cvm.ap-guangzhou.tencentcloudapi.com");
        assert_eq!(
            Endpoint::Url("http://127.0.0.1:8080/".into()).resolve("vpc", "x"),
            ("http://127.0.0.1:8080/".into(), "127.0.0.1:8080".into())
        );
    }

    #[test]
    fn a_private_root_domain() {
        assert_eq!(Endpoint::Default.resolve_in("vpc", "ap-guangzhou", "api.internal").1, "vpc.api.internal");
        assert_eq!(Endpoint::Regional.resolve_in("cvm", "ap-beijing", "api.internal").1, "cvm.ap-beijing.api.internal");
        assert_eq!(Endpoint::International.resolve_in("vpc", "x", "api.internal").1, "vpc.intl.api.internal");
        assert_eq!(Endpoint::Url("http://h:1".into()).resolve_in("vpc", "x", "api.internal").1, "h:1");
    }
}
