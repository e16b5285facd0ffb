//! Pinning a key URL a request names to its provider's hosts, before any connection.

/// The hosts and paths one provider publishes its keys at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pin {
    /// Whether a host (lowercase ASCII, as written in the URL) is the provider's.
    pub(crate) host: fn(&str) -> bool,
    /// Whether a path (as written in the URL) is where the provider publishes keys.
    pub(crate) path: fn(&str) -> bool,
    /// Whether a query (as written, without `?`) is allowed; `None`: no query at all.
    /// Percent-encoding is allowed in an allowed query only.
    pub(crate) query: Option<fn(&str) -> bool>,
}

/// The longest key URL accepted.
const MAX_URL_LEN: usize = 1024;

impl Pin {
    /// `raw` as a URL on this pin's hosts and paths, or why not.
    ///
    /// The URL must be written the way the provider writes it: `https://`, a host name
    /// (never an IP literal; any case), no userinfo, no port, no query or fragment, no
    /// percent-encoding, no backslash, nothing but visible ASCII. It is then parsed (by
    /// `url`, the WHATWG parser a client uses) and the parsed host and path must be the
    /// ones written, so no normalisation (IDNA, dot segments, case) changes what was
    /// checked.
    pub(crate) fn check(&self, raw: &str) -> Result<url::Url, &'static str> {
        if raw.len() > MAX_URL_LEN {
            return Err("the URL is too long");
        }
        if !raw.bytes().all(|b| b.is_ascii_graphic()) {
            return Err("the URL holds characters other than visible ASCII");
        }
        let (before_query, query) = match (self.query, raw.split_once('?')) {
            (Some(allowed), Some((before, query))) => {
                if !allowed(query) || query.contains('#') {
                    return Err("the URL's query is not the provider's");
                }
                (before, Some(query))
            }
            (Some(_), None) => return Err("the URL has no query"),
            (None, _) => (raw, None),
        };
        if raw.contains('\\') || before_query.contains('%') {
            return Err("the URL holds a backslash or percent-encoding");
        }
        let Some(rest) = before_query.strip_prefix("https://") else {
            return Err("the URL is not https://");
        };
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if authority.contains('@') {
            return Err("the URL holds userinfo");
        }
        if authority.contains(':') || authority.contains('[') {
            return Err("the URL names a port or an IP literal");
        }
        if authority.is_empty() {
            return Err("the URL has no host");
        }
        if authority
            .split('.')
            .all(|label| !label.is_empty() && label.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err("the URL's host is an IP address");
        }
        if before_query.contains('?') || before_query.contains('#') {
            return Err("the URL holds a query or fragment");
        }
        let url = url::Url::parse(raw).map_err(|_| "the URL cannot be parsed")?;
        let parsed_host = match url.host() {
            Some(url::Host::Domain(host)) => host,
            Some(_) => return Err("the URL's host is an IP address"),
            None => return Err("the URL has no host"),
        };
        if url.scheme() != "https"
            || !url.username().is_empty()
            || url.password().is_some()
            || url.port().is_some()
            || !parsed_host.eq_ignore_ascii_case(authority)
            || url.path() != path
            || url.query() != query
            || url.fragment().is_some()
        {
            return Err("the URL does not parse to what it says");
        }
        if !(self.host)(parsed_host) {
            return Err("the host is not one of the provider's key hosts");
        }
        if !(self.path)(path) {
            return Err("the path is not where the provider publishes keys");
        }
        Ok(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: Pin = Pin {
        host: |h| h == "keys.example.com",
        path: |p| p.starts_with("/certs/") && p.ends_with(".pem"),
        query: None,
    };

    const WITH_QUERY: Pin = Pin {
        host: |h| h == "keys.example.com",
        path: |p| p == "/",
        query: Some(|q| q.starts_with("Action=Confirm&")),
    };

    #[test]
    fn a_query_only_where_allowed() {
        assert!(
            WITH_QUERY
                .check("https://keys.example.com/?Action=Confirm&Arn=a%3Ab")
                .is_ok()
        );
        for bad in [
            "https://keys.example.com/?Action=Other&x=1",
            "https://keys.example.com/?Action=Confirm&x=1#frag",
            "https://keys%2eexample.com/?Action=Confirm&x=1",
            "https://keys.example.com/x?Action=Confirm&x=1",
            "https://keys.example.com.evil.example/?Action=Confirm&x=1",
            "https://keys.example.com/",
        ] {
            assert!(WITH_QUERY.check(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(
            EXAMPLE
                .check("https://keys.example.com/certs/a.pem?Action=Confirm&")
                .is_err()
        );
    }

    #[test]
    fn accepts_the_written_form_only() {
        assert!(
            EXAMPLE
                .check("https://keys.example.com/certs/a.pem")
                .is_ok()
        );
        for bad in [
            "http://keys.example.com/certs/a.pem",
            "HTTPS://keys.example.com/certs/a.pem",
            "https://keys.example.com:443/certs/a.pem",
            "https://keys.example.com:8443/certs/a.pem",
            "https://user@keys.example.com/certs/a.pem",
            "https://user:pw@keys.example.com/certs/a.pem",
            "https://keys.example.com@evil.example/certs/a.pem",
            "https://keys.example.com.evil.example/certs/a.pem",
            "https://evil.example/keys.example.com/certs/a.pem",
            "https://keys%2eexample.com/certs/a.pem",
            "https://keys.example.com/certs/%2e%2e/a.pem",
            "https://keys.example.com/certs/../a.pem",
            "https://keys.example.com/certs/./x/../a.pem",
            "https://keys.example.com\\@evil.example/certs/a.pem",
            "https://keys.example.com/certs/a.pem?x=1",
            "https://keys.example.com/certs/a.pem#x",
            "https://127.0.0.1/certs/a.pem",
            "https://[::1]/certs/a.pem",
            "https://2130706433/certs/a.pem",
            "https://keys.exampl\u{0435}.com/certs/a.pem",
            "https://xn--keys-xyz.example.com/certs/a.pem",
            "https://keys.example.com./certs/a.pem",
            "https://keys.example.com/certs/a.pem ",
            " https://keys.example.com/certs/a.pem",
            "https://keys.example.com/other/a.pem",
            "https:keys.example.com/certs/a.pem",
            "https:///keys.example.com/certs/a.pem",
            "https://",
            "",
        ] {
            assert!(EXAMPLE.check(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
