//! Source-address allow-lists, for providers that publish the addresses they send from.

use std::fmt;
use std::net::IpAddr;

use ipnet::IpNet;

use crate::error::Error;

/// A set of IPv4 and IPv6 addresses and CIDR ranges that requests may come from.
///
/// An IPv4-mapped IPv6 address (`::ffff:1.2.3.4`, as a dual-stack socket reports an
/// IPv4 peer) is checked as the IPv4 address it carries.
///
/// This checks the address you give it. Behind a proxy or load balancer, the TCP peer is
/// the proxy: take the client address from the header your proxy sets, and only from a
/// proxy you trust.
///
/// # Examples
///
/// ```
/// use hookverify::net::IpAllowList;
///
/// let list = IpAllowList::new(["35.181.64.230", "10.0.0.0/8", "2001:db8::/32"])?;
/// assert!(list.contains("10.1.2.3".parse().unwrap()));
/// assert!(list.contains("::ffff:35.181.64.230".parse().unwrap()));
/// assert!(list.contains("2001:db8::1".parse().unwrap()));
/// assert!(!list.contains("35.181.64.231".parse().unwrap()));
/// # Ok::<(), hookverify::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct IpAllowList {
    nets: Vec<IpNet>,
}

impl IpAllowList {
    /// Parses each entry as an address (`1.2.3.4`, `2001:db8::1`) or a CIDR range
    /// (`1.2.3.0/24`, `2001:db8::/32`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidNetwork`] naming the first entry that is neither.
    pub fn new<I>(entries: I) -> Result<Self, Error>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let nets = entries
            .into_iter()
            .map(|e| {
                let e = e.as_ref().trim();
                e.parse::<IpNet>()
                    .or_else(|_| e.parse::<IpAddr>().map(IpNet::from))
                    .map(|n| n.trunc())
                    .map_err(|_| Error::InvalidNetwork {
                        entry: e.to_owned(),
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(IpAllowList { nets })
    }

    /// An allow-list of exactly these addresses.
    #[must_use]
    pub fn from_addrs(addrs: &[IpAddr]) -> Self {
        IpAllowList {
            nets: addrs.iter().copied().map(IpNet::from).collect(),
        }
    }

    /// Whether `addr` is in the list.
    #[must_use]
    pub fn contains(&self, addr: IpAddr) -> bool {
        let addr = match addr {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(addr, IpAddr::V4),
            v4 => v4,
        };
        self.nets.iter().any(|n| n.contains(&addr))
    }

    /// `Ok` when `addr` is in the list.
    ///
    /// # Errors
    ///
    /// [`Error::PeerNotAllowed`] (HTTP 403) otherwise.
    pub fn check(&self, addr: IpAddr) -> Result<(), Error> {
        if self.contains(addr) {
            Ok(())
        } else {
            Err(Error::PeerNotAllowed { addr })
        }
    }
}

impl fmt::Debug for IpAllowList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Net<'a>(&'a IpNet);
        impl fmt::Debug for Net<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(self.0, f)
            }
        }
        f.debug_tuple("IpAllowList")
            .field(&self.nets.iter().map(Net).collect::<Vec<_>>())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_addresses() {
        let list =
            IpAllowList::new(["192.168.1.0/24", "3.78.51.103", "fd00::/8", " ::1 "]).unwrap();
        for ok in [
            "192.168.1.0",
            "192.168.1.255",
            "3.78.51.103",
            "fd12::3",
            "::1",
            "::ffff:192.168.1.7",
        ] {
            assert!(list.contains(ok.parse().unwrap()), "{ok}");
        }
        for no in [
            "192.168.2.1",
            "3.78.51.104",
            "fe80::1",
            "::2",
            "::ffff:3.78.51.104",
            "0.0.0.0",
        ] {
            assert!(!list.contains(no.parse().unwrap()), "{no}");
            assert!(matches!(
                list.check(no.parse().unwrap()),
                Err(Error::PeerNotAllowed { .. })
            ));
        }
    }

    #[test]
    fn host_bits_in_a_range_are_ignored() {
        let list = IpAllowList::new(["10.1.2.3/16"]).unwrap();
        assert!(list.contains("10.1.200.1".parse().unwrap()));
    }

    #[test]
    fn bad_entries_are_named() {
        for bad in [
            "",
            "1.2.3",
            "1.2.3.4/33",
            "example.com",
            "::g",
            "1.2.3.4/-1",
        ] {
            match IpAllowList::new([bad]) {
                Err(Error::InvalidNetwork { entry }) => assert_eq!(entry, bad.trim()),
                other => panic!("{bad:?}: {other:?}"),
            }
        }
    }
}
