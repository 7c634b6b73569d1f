//! The `country_code` column of the unvotes data (ISO 3166-1 alpha-2 with historical codes)
//! mapped to our actor ids (ISO 3166-1 alpha-3, or ISO 3166-3 for states that no longer exist).

use chrono::NaiveDate;

/// One row of the mapping from the unvotes `country_code` (and, where the code alone is
/// ambiguous, the `country` name) to an actor id.
///
/// See [`UN_COUNTRY_CODES`] for the table and [`un_country_id`] for the lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountryCode {
    /// The code as written in the file; `NA` is R's missing value written out, shared by four
    /// countries.
    pub code: &'static str,
    /// The `country` name that must match, for the ambiguous code `NA`; `None` = any name.
    pub country: Option<&'static str>,
    /// The first roll-call date this row applies to (`None` = from the start). Only Yugoslavia
    /// needs it: the same code continues as Serbia.
    pub from: Option<NaiveDate>,
    /// Our actor id.
    pub id: &'static str,
    /// The actor's name when the file's `country` name does not fit the id (the file calls
    /// Serbia "Yugoslavia"); `None` = the file's name.
    pub name: Option<&'static str>,
}

const fn row(code: &'static str, id: &'static str) -> CountryCode {
    CountryCode {
        code,
        country: None,
        from: None,
        id,
        name: None,
    }
}

const fn named(code: &'static str, country: &'static str, id: &'static str) -> CountryCode {
    CountryCode {
        country: Some(country),
        ..row(code, id)
    }
}

const fn since(
    code: &'static str,
    (y, m, d): (i32, u32, u32),
    id: &'static str,
    name: &'static str,
) -> CountryCode {
    CountryCode {
        from: NaiveDate::from_ymd_opt(y, m, d),
        name: Some(name),
        ..row(code, id)
    }
}

/// Every `country_code` of the unvotes data (1946–2019) with our actor id, sorted by code,
/// then name, then first date.
///
/// 197 codes in 201 rows. The 192 codes that are current ISO 3166-1 alpha-2 codes map to their
/// alpha-3 code (`GB` → `GBR`, `CD` → `COD`, ...); `CS`, `DD`, `YD` and `YU` are withdrawn codes
/// (ISO 3166-3), and `NA` stands for four countries. The rows that need a word:
///
/// | code | `country` in the file | id | why |
/// |---|---|---|---|
/// | `CS` | Czechoslovakia | `CSK` | ISO 3166-3 (withdrawn 1993) |
/// | `DD` | German Democratic Republic | `DDR` | ISO 3166-3 (withdrawn 1990) |
/// | `YD` | Yemen People's Republic | `YMD` | ISO 3166-3, South Yemen (withdrawn 1990) |
/// | `YU` | Yugoslavia, before 2000-11-01 | `YUG` | ISO 3166-3, the SFRY (its seat lapsed in 1992) |
/// | `YU` | Yugoslavia, from 2000-11-01 | `SRB` (named Serbia) | the FRY, admitted 2000-11-01, renamed Serbia and Montenegro, continued by Serbia in 2006 |
/// | `RU` | Russia | `RUS` | stands for the USSR before 1991 too: Russia continued the USSR's membership |
/// | `TW` | Taiwan | `TWN` | the Republic of China, holding China's seat until 1971-10-25 |
/// | `CN` | China | `CHN` | the People's Republic, from 1971-10-25 |
/// | `NA` | Federal Republic of Germany | `DEU` | West Germany to 1990; DEU was its code, and unified Germany continued its membership |
/// | `NA` | Yemen Arab Republic | `YEM` | North Yemen to 1990; YEM was its code, and unified Yemen continued its membership |
/// | `NA` | Namibia | `NAM` | Namibia's real alpha-2 code is `NA` |
/// | `NA` | Zanzibar | `XZN` | two votes in 1963 before it merged into Tanzania (which voted on the same roll calls); it never had an ISO code, so a user-assigned one (the `X..` range, like Kosovo's `XKX`) |
///
/// The rule: a membership that continued under another name keeps one id, that of the state
/// holding the seat today (`RUS`, `DEU`, `YEM`, `SRB`), so the series line up with the
/// joint-statement data; states that ended without a continuing seat keep their ISO 3166-3
/// code (`CSK`, `DDR`, `YMD`, `YUG`).
///
/// ```
/// use cosignatory::io::UN_COUNTRY_CODES;
/// assert!(UN_COUNTRY_CODES.windows(2).all(|w| (w[0].code, w[0].country, w[0].from) < (w[1].code, w[1].country, w[1].from)));
/// assert_eq!(UN_COUNTRY_CODES.len(), 201);
/// ```
pub static UN_COUNTRY_CODES: &[CountryCode] = &[
    row("AD", "AND"), // Andorra
    row("AE", "ARE"), // United Arab Emirates
    row("AF", "AFG"), // Afghanistan
    row("AG", "ATG"), // Antigua & Barbuda
    row("AL", "ALB"), // Albania
    row("AM", "ARM"), // Armenia
    row("AO", "AGO"), // Angola
    row("AR", "ARG"), // Argentina
    row("AT", "AUT"), // Austria
    row("AU", "AUS"), // Australia
    row("AZ", "AZE"), // Azerbaijan
    row("BA", "BIH"), // Bosnia & Herzegovina
    row("BB", "BRB"), // Barbados
    row("BD", "BGD"), // Bangladesh
    row("BE", "BEL"), // Belgium
    row("BF", "BFA"), // Burkina Faso
    row("BG", "BGR"), // Bulgaria
    row("BH", "BHR"), // Bahrain
    row("BI", "BDI"), // Burundi
    row("BJ", "BEN"), // Benin
    row("BN", "BRN"), // Brunei
    row("BO", "BOL"), // Bolivia
    row("BR", "BRA"), // Brazil
    row("BS", "BHS"), // Bahamas
    row("BT", "BTN"), // Bhutan
    row("BW", "BWA"), // Botswana
    row("BY", "BLR"), // Belarus
    row("BZ", "BLZ"), // Belize
    row("CA", "CAN"), // Canada
    row("CD", "COD"), // Congo - Kinshasa
    row("CF", "CAF"), // Central African Republic
    row("CG", "COG"), // Congo - Brazzaville
    row("CH", "CHE"), // Switzerland
    row("CI", "CIV"), // Côte d’Ivoire
    row("CL", "CHL"), // Chile
    row("CM", "CMR"), // Cameroon
    // China (the People's Republic holds the seat from 1971-10-25)
    row("CN", "CHN"),
    row("CO", "COL"), // Colombia
    row("CR", "CRI"), // Costa Rica
    // Czechoslovakia, ISO 3166-3 CSHH
    row("CS", "CSK"),
    row("CU", "CUB"), // Cuba
    row("CV", "CPV"), // Cape Verde
    row("CY", "CYP"), // Cyprus
    row("CZ", "CZE"), // Czechia
    // German Democratic Republic, ISO 3166-3 DDDE
    row("DD", "DDR"),
    // Germany (1990 on; before, see NA Federal Republic of Germany)
    row("DE", "DEU"),
    row("DJ", "DJI"), // Djibouti
    row("DK", "DNK"), // Denmark
    row("DM", "DMA"), // Dominica
    row("DO", "DOM"), // Dominican Republic
    row("DZ", "DZA"), // Algeria
    row("EC", "ECU"), // Ecuador
    row("EE", "EST"), // Estonia
    row("EG", "EGY"), // Egypt
    row("ER", "ERI"), // Eritrea
    row("ES", "ESP"), // Spain
    row("ET", "ETH"), // Ethiopia
    row("FI", "FIN"), // Finland
    row("FJ", "FJI"), // Fiji
    row("FM", "FSM"), // Micronesia (Federated States of)
    row("FR", "FRA"), // France
    row("GA", "GAB"), // Gabon
    row("GB", "GBR"), // United Kingdom
    row("GD", "GRD"), // Grenada
    row("GE", "GEO"), // Georgia
    row("GH", "GHA"), // Ghana
    row("GM", "GMB"), // Gambia
    row("GN", "GIN"), // Guinea
    row("GQ", "GNQ"), // Equatorial Guinea
    row("GR", "GRC"), // Greece
    row("GT", "GTM"), // Guatemala
    row("GW", "GNB"), // Guinea-Bissau
    row("GY", "GUY"), // Guyana
    row("HN", "HND"), // Honduras
    row("HR", "HRV"), // Croatia
    row("HT", "HTI"), // Haiti
    row("HU", "HUN"), // Hungary
    row("ID", "IDN"), // Indonesia
    row("IE", "IRL"), // Ireland
    row("IL", "ISR"), // Israel
    row("IN", "IND"), // India
    row("IQ", "IRQ"), // Iraq
    row("IR", "IRN"), // Iran
    row("IS", "ISL"), // Iceland
    row("IT", "ITA"), // Italy
    row("JM", "JAM"), // Jamaica
    row("JO", "JOR"), // Jordan
    row("JP", "JPN"), // Japan
    row("KE", "KEN"), // Kenya
    row("KG", "KGZ"), // Kyrgyzstan
    row("KH", "KHM"), // Cambodia
    row("KI", "KIR"), // Kiribati
    row("KM", "COM"), // Comoros
    row("KN", "KNA"), // St. Kitts & Nevis
    row("KP", "PRK"), // North Korea
    row("KR", "KOR"), // South Korea
    row("KW", "KWT"), // Kuwait
    row("KZ", "KAZ"), // Kazakhstan
    row("LA", "LAO"), // Laos
    row("LB", "LBN"), // Lebanon
    row("LC", "LCA"), // St. Lucia
    row("LI", "LIE"), // Liechtenstein
    row("LK", "LKA"), // Sri Lanka
    row("LR", "LBR"), // Liberia
    row("LS", "LSO"), // Lesotho
    row("LT", "LTU"), // Lithuania
    row("LU", "LUX"), // Luxembourg
    row("LV", "LVA"), // Latvia
    row("LY", "LBY"), // Libya
    row("MA", "MAR"), // Morocco
    row("MC", "MCO"), // Monaco
    row("MD", "MDA"), // Moldova
    row("ME", "MNE"), // Montenegro
    row("MG", "MDG"), // Madagascar
    row("MH", "MHL"), // Marshall Islands
    row("MK", "MKD"), // North Macedonia
    row("ML", "MLI"), // Mali
    row("MM", "MMR"), // Myanmar (Burma)
    row("MN", "MNG"), // Mongolia
    row("MR", "MRT"), // Mauritania
    row("MT", "MLT"), // Malta
    row("MU", "MUS"), // Mauritius
    row("MV", "MDV"), // Maldives
    row("MW", "MWI"), // Malawi
    row("MX", "MEX"), // Mexico
    row("MY", "MYS"), // Malaysia
    row("MZ", "MOZ"), // Mozambique
    // West Germany; DEU was its own code
    named("NA", "Federal Republic of Germany", "DEU"),
    // Namibia's real ISO code
    named("NA", "Namibia", "NAM"),
    // North Yemen; YEM was its own code
    named("NA", "Yemen Arab Republic", "YEM"),
    // 1963-12 to 1964-04; no ISO code: user-assigned X range
    named("NA", "Zanzibar", "XZN"),
    row("NE", "NER"), // Niger
    row("NG", "NGA"), // Nigeria
    row("NI", "NIC"), // Nicaragua
    row("NL", "NLD"), // Netherlands
    row("NO", "NOR"), // Norway
    row("NP", "NPL"), // Nepal
    row("NR", "NRU"), // Nauru
    row("NZ", "NZL"), // New Zealand
    row("OM", "OMN"), // Oman
    row("PA", "PAN"), // Panama
    row("PE", "PER"), // Peru
    row("PG", "PNG"), // Papua New Guinea
    row("PH", "PHL"), // Philippines
    row("PK", "PAK"), // Pakistan
    row("PL", "POL"), // Poland
    row("PT", "PRT"), // Portugal
    row("PW", "PLW"), // Palau
    row("PY", "PRY"), // Paraguay
    row("QA", "QAT"), // Qatar
    row("RO", "ROU"), // Romania
    // Russia; stands for the USSR before 1991-12-24 (continuing state)
    row("RU", "RUS"),
    row("RW", "RWA"), // Rwanda
    row("SA", "SAU"), // Saudi Arabia
    row("SB", "SLB"), // Solomon Islands
    row("SC", "SYC"), // Seychelles
    row("SD", "SDN"), // Sudan
    row("SE", "SWE"), // Sweden
    row("SG", "SGP"), // Singapore
    row("SI", "SVN"), // Slovenia
    row("SK", "SVK"), // Slovakia
    row("SL", "SLE"), // Sierra Leone
    row("SM", "SMR"), // San Marino
    row("SN", "SEN"), // Senegal
    row("SO", "SOM"), // Somalia
    row("SR", "SUR"), // Suriname
    row("SS", "SSD"), // South Sudan
    row("ST", "STP"), // São Tomé & Príncipe
    row("SV", "SLV"), // El Salvador
    row("SY", "SYR"), // Syria
    row("SZ", "SWZ"), // Eswatini
    row("TD", "TCD"), // Chad
    row("TG", "TGO"), // Togo
    row("TH", "THA"), // Thailand
    row("TJ", "TJK"), // Tajikistan
    row("TL", "TLS"), // Timor-Leste
    row("TM", "TKM"), // Turkmenistan
    row("TN", "TUN"), // Tunisia
    row("TO", "TON"), // Tonga
    row("TR", "TUR"), // Turkey
    row("TT", "TTO"), // Trinidad & Tobago
    row("TV", "TUV"), // Tuvalu
    // Taiwan: the Republic of China, holding China's seat until 1971-10-25
    row("TW", "TWN"),
    // Tanzania (Tanganyika from 1961, united with Zanzibar in 1964)
    row("TZ", "TZA"),
    row("UA", "UKR"), // Ukraine
    row("UG", "UGA"), // Uganda
    row("US", "USA"), // United States
    row("UY", "URY"), // Uruguay
    row("UZ", "UZB"), // Uzbekistan
    row("VC", "VCT"), // St. Vincent & Grenadines
    row("VE", "VEN"), // Venezuela
    row("VN", "VNM"), // Vietnam
    row("VU", "VUT"), // Vanuatu
    row("WS", "WSM"), // Samoa
    // Yemen People's Republic (South Yemen), ISO 3166-3 YDYE
    row("YD", "YMD"),
    row("YE", "YEM"), // Yemen (unified 1990)
    // Yugoslavia (SFRY) until its seat lapsed in 1992, ISO 3166-3 YUCS
    row("YU", "YUG"),
    // FRY / Serbia and Montenegro, then Serbia
    since("YU", (2000, 11, 1), "SRB", "Serbia"),
    row("ZA", "ZAF"), // South Africa
    row("ZM", "ZMB"), // Zambia
    row("ZW", "ZWE"), // Zimbabwe
];

/// The actor id for a `country_code` and `country` name on a roll call's date, or `None` when
/// the code is unknown (or is `NA` with a name not in [`UN_COUNTRY_CODES`]). An empty code is
/// read like `NA` (other tools write R's missing value as nothing).
///
/// ```
/// use cosignatory::io::un_country_id;
/// let d = |s: &str| s.parse().unwrap();
/// assert_eq!(un_country_id("GB", "United Kingdom", d("1970-01-01")), Some("GBR"));
/// assert_eq!(un_country_id("NA", "Namibia", d("1995-01-01")), Some("NAM"));
/// assert_eq!(un_country_id("NA", "Yemen Arab Republic", d("1980-01-01")), Some("YEM"));
/// assert_eq!(un_country_id("YU", "Yugoslavia", d("1980-01-01")), Some("YUG"));
/// assert_eq!(un_country_id("YU", "Yugoslavia", d("2010-01-01")), Some("SRB"));
/// assert_eq!(un_country_id("NA", "Atlantis", d("2010-01-01")), None);
/// ```
pub fn un_country_id(code: &str, country: &str, date: NaiveDate) -> Option<&'static str> {
    country_rows(code, country)
        .into_iter()
        .rev()
        .find(|r| r.from.is_none_or(|f| f <= date))
        .map(|r| r.id)
}

/// The rows that apply to a code and name, in date order (empty if none).
pub(crate) fn country_rows(code: &str, country: &str) -> Vec<&'static CountryCode> {
    let code = if code.is_empty() { "NA" } else { code };
    let lo = UN_COUNTRY_CODES.partition_point(|r| r.code < code);
    UN_COUNTRY_CODES[lo..]
        .iter()
        .take_while(|r| r.code == code)
        .filter(|r| r.country.is_none_or(|c| c == country))
        .collect()
}

/// The names accepted with the ambiguous code `NA`, for error messages.
pub(crate) fn na_names() -> Vec<&'static str> {
    UN_COUNTRY_CODES.iter().filter_map(|r| r.country).collect()
}
