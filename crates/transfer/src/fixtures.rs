//! Throwaway credentials in each exchange's real format, shared by the unit tests.

pub const BINANCE_KEY: &str = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
pub const BINANCE_SECRET: &str = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
pub const OKX_KEY: &str = "37c541a1-1a2b-4c3d-8e9f-10fe7a038418";
pub const OKX_SECRET: &str = "22582BD0CFF14C41EDBF1AB98506286D";
pub const OKX_PASSPHRASE: &str = "My \"pass\" $HOME \\ phrase";
pub const COINBASE_KEY: &str = "organizations/0f1e2d3c-aaaa-bbbb/apiKeys/9a8b7c6d-cccc-dddd";
/// A throwaway P-256 key in SEC1 form, as Coinbase hands them out.
pub const COINBASE_PEM: &str = "-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIBVbjaL1D6hdHn6xJW0+EuMvHMh2dn7uzAXWwr3mZIN1oAoGCCqGSM49
AwEHoUQDQgAExFBjggmiCAjaSA/YHwROGMdCYIqAQNXLi6kjbAxN3IJiqewO0Ku4
VAq7WM3LzkPn+0jVcC19Nqv+zbeX2RJx1Q==
-----END EC PRIVATE KEY-----
";
