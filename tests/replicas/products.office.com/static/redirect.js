// products.office.com/business now lands on www.microsoft.com's Microsoft 365 business plans.
// The seed's 2017 address: the replica keeps the 2017 sign-up form on this
// path (test switch layout=2017, see tests/replicas/README.md).
location.replace('https://www.microsoft.com/en-us/microsoft-365/business/compare-all-microsoft-365-business-products?layout=2017');
