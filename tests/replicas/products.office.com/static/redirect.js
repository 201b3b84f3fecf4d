// products.office.com/business now lands on www.microsoft.com's Microsoft 365 business plans.
location.replace('https://www.microsoft.com/en-us/microsoft-365/business/compare-all-microsoft-365-business-products');
