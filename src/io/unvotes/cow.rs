//! Correlates of War state numbers (`ccode`, Erik Voeten's country key) mapped to our actor ids.

use chrono::NaiveDate;

/// One row of the mapping from a Correlates of War state number to an actor id.
///
/// See [`COW_CODES`] for the table and [`cow_country_id`] for the lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CowCode {
    /// The COW state number.
    pub ccode: u16,
    /// The first roll-call date this row applies to (`None` = from the start).
    pub from: Option<NaiveDate>,
    /// Our actor id (the same ids as [`UN_COUNTRY_CODES`](super::UN_COUNTRY_CODES) gives).
    pub id: &'static str,
    /// The state's name, used when the file has no `country` column.
    pub name: &'static str,
}

const fn cow(ccode: u16, id: &'static str, name: &'static str) -> CowCode {
    CowCode {
        ccode,
        from: None,
        id,
        name,
    }
}

const fn cow_since(
    ccode: u16,
    (y, m, d): (i32, u32, u32),
    id: &'static str,
    name: &'static str,
) -> CowCode {
    CowCode {
        from: NaiveDate::from_ymd_opt(y, m, d),
        ..cow(ccode, id, name)
    }
}

/// The COW state numbers of every UN member 1945–2019, with our actor ids, sorted by number,
/// then first date. Names are COW's.
///
/// The ids follow the same rule as [`UN_COUNTRY_CODES`](super::UN_COUNTRY_CODES): 260 (German
/// Federal Republic) and 255 (Germany) are both `DEU`; 678 (Yemen Arab Republic) and 679 (Yemen)
/// are both `YEM`; 680 is `YMD`, 265 `DDR`, 315 `CSK`, 511 (Zanzibar) `XZN`, 713 (Taiwan, the
/// China seat until 1971) `TWN`; 365 is `RUS` (the USSR too); 345 is `YUG` before 2000-11-01
/// and `SRB` from then on.
///
/// ```
/// use cosignatory::io::COW_CODES;
/// assert!(COW_CODES.windows(2).all(|w| (w[0].ccode, w[0].from) < (w[1].ccode, w[1].from)));
/// ```
pub static COW_CODES: &[CowCode] = &[
    cow(2, "USA", "United States of America"),
    cow(20, "CAN", "Canada"),
    cow(31, "BHS", "Bahamas"),
    cow(40, "CUB", "Cuba"),
    cow(41, "HTI", "Haiti"),
    cow(42, "DOM", "Dominican Republic"),
    cow(51, "JAM", "Jamaica"),
    cow(52, "TTO", "Trinidad and Tobago"),
    cow(53, "BRB", "Barbados"),
    cow(54, "DMA", "Dominica"),
    cow(55, "GRD", "Grenada"),
    cow(56, "LCA", "St. Lucia"),
    cow(57, "VCT", "St. Vincent and the Grenadines"),
    cow(58, "ATG", "Antigua & Barbuda"),
    cow(60, "KNA", "St. Kitts and Nevis"),
    cow(70, "MEX", "Mexico"),
    cow(80, "BLZ", "Belize"),
    cow(90, "GTM", "Guatemala"),
    cow(91, "HND", "Honduras"),
    cow(92, "SLV", "El Salvador"),
    cow(93, "NIC", "Nicaragua"),
    cow(94, "CRI", "Costa Rica"),
    cow(95, "PAN", "Panama"),
    cow(100, "COL", "Colombia"),
    cow(101, "VEN", "Venezuela"),
    cow(110, "GUY", "Guyana"),
    cow(115, "SUR", "Suriname"),
    cow(130, "ECU", "Ecuador"),
    cow(135, "PER", "Peru"),
    cow(140, "BRA", "Brazil"),
    cow(145, "BOL", "Bolivia"),
    cow(150, "PRY", "Paraguay"),
    cow(155, "CHL", "Chile"),
    cow(160, "ARG", "Argentina"),
    cow(165, "URY", "Uruguay"),
    cow(200, "GBR", "United Kingdom"),
    cow(205, "IRL", "Ireland"),
    cow(210, "NLD", "Netherlands"),
    cow(211, "BEL", "Belgium"),
    cow(212, "LUX", "Luxembourg"),
    cow(220, "FRA", "France"),
    cow(221, "MCO", "Monaco"),
    cow(223, "LIE", "Liechtenstein"),
    cow(225, "CHE", "Switzerland"),
    cow(230, "ESP", "Spain"),
    cow(232, "AND", "Andorra"),
    cow(235, "PRT", "Portugal"),
    cow(255, "DEU", "Germany"),
    // West Germany: unified Germany continued its membership.
    cow(260, "DEU", "German Federal Republic"),
    cow(265, "DDR", "German Democratic Republic"),
    cow(290, "POL", "Poland"),
    cow(305, "AUT", "Austria"),
    cow(310, "HUN", "Hungary"),
    cow(315, "CSK", "Czechoslovakia"),
    cow(316, "CZE", "Czech Republic"),
    cow(317, "SVK", "Slovakia"),
    cow(325, "ITA", "Italy"),
    cow(331, "SMR", "San Marino"),
    cow(338, "MLT", "Malta"),
    cow(339, "ALB", "Albania"),
    cow(341, "MNE", "Montenegro"),
    cow(343, "MKD", "Macedonia"),
    cow(344, "HRV", "Croatia"),
    cow(345, "YUG", "Yugoslavia"),
    // The FRY from its admission on 2000-11-01, then Serbia and Montenegro, then Serbia.
    cow_since(345, (2000, 11, 1), "SRB", "Serbia"),
    cow(346, "BIH", "Bosnia and Herzegovina"),
    cow(349, "SVN", "Slovenia"),
    cow(350, "GRC", "Greece"),
    cow(352, "CYP", "Cyprus"),
    cow(355, "BGR", "Bulgaria"),
    cow(359, "MDA", "Moldova"),
    cow(360, "ROU", "Romania"),
    // The USSR before 1991 too: Russia continued its membership.
    cow(365, "RUS", "Russia"),
    cow(366, "EST", "Estonia"),
    cow(367, "LVA", "Latvia"),
    cow(368, "LTU", "Lithuania"),
    cow(369, "UKR", "Ukraine"),
    cow(370, "BLR", "Belarus"),
    cow(371, "ARM", "Armenia"),
    cow(372, "GEO", "Georgia"),
    cow(373, "AZE", "Azerbaijan"),
    cow(375, "FIN", "Finland"),
    cow(380, "SWE", "Sweden"),
    cow(385, "NOR", "Norway"),
    cow(390, "DNK", "Denmark"),
    cow(395, "ISL", "Iceland"),
    cow(402, "CPV", "Cape Verde"),
    cow(403, "STP", "Sao Tome and Principe"),
    cow(404, "GNB", "Guinea-Bissau"),
    cow(411, "GNQ", "Equatorial Guinea"),
    cow(420, "GMB", "Gambia"),
    cow(432, "MLI", "Mali"),
    cow(433, "SEN", "Senegal"),
    cow(434, "BEN", "Benin"),
    cow(435, "MRT", "Mauritania"),
    cow(436, "NER", "Niger"),
    cow(437, "CIV", "Ivory Coast"),
    cow(438, "GIN", "Guinea"),
    cow(439, "BFA", "Burkina Faso"),
    cow(450, "LBR", "Liberia"),
    cow(451, "SLE", "Sierra Leone"),
    cow(452, "GHA", "Ghana"),
    cow(461, "TGO", "Togo"),
    cow(471, "CMR", "Cameroon"),
    cow(475, "NGA", "Nigeria"),
    cow(481, "GAB", "Gabon"),
    cow(482, "CAF", "Central African Republic"),
    cow(483, "TCD", "Chad"),
    cow(484, "COG", "Congo"),
    cow(490, "COD", "Democratic Republic of the Congo"),
    cow(500, "UGA", "Uganda"),
    cow(501, "KEN", "Kenya"),
    cow(510, "TZA", "Tanzania"),
    // No ISO code ever: a user-assigned one (see UN_COUNTRY_CODES).
    cow(511, "XZN", "Zanzibar"),
    cow(516, "BDI", "Burundi"),
    cow(517, "RWA", "Rwanda"),
    cow(520, "SOM", "Somalia"),
    cow(522, "DJI", "Djibouti"),
    cow(530, "ETH", "Ethiopia"),
    cow(531, "ERI", "Eritrea"),
    cow(540, "AGO", "Angola"),
    cow(541, "MOZ", "Mozambique"),
    cow(551, "ZMB", "Zambia"),
    cow(552, "ZWE", "Zimbabwe"),
    cow(553, "MWI", "Malawi"),
    cow(560, "ZAF", "South Africa"),
    cow(565, "NAM", "Namibia"),
    cow(570, "LSO", "Lesotho"),
    cow(571, "BWA", "Botswana"),
    cow(572, "SWZ", "Swaziland"),
    cow(580, "MDG", "Madagascar"),
    cow(581, "COM", "Comoros"),
    cow(590, "MUS", "Mauritius"),
    cow(591, "SYC", "Seychelles"),
    cow(600, "MAR", "Morocco"),
    cow(615, "DZA", "Algeria"),
    cow(616, "TUN", "Tunisia"),
    cow(620, "LBY", "Libya"),
    cow(625, "SDN", "Sudan"),
    cow(626, "SSD", "South Sudan"),
    cow(630, "IRN", "Iran"),
    cow(640, "TUR", "Turkey"),
    cow(645, "IRQ", "Iraq"),
    cow(651, "EGY", "Egypt"),
    cow(652, "SYR", "Syria"),
    cow(660, "LBN", "Lebanon"),
    cow(663, "JOR", "Jordan"),
    cow(666, "ISR", "Israel"),
    cow(670, "SAU", "Saudi Arabia"),
    // North Yemen: unified Yemen continued its membership.
    cow(678, "YEM", "Yemen Arab Republic"),
    cow(679, "YEM", "Yemen"),
    cow(680, "YMD", "Yemen People's Republic"),
    cow(690, "KWT", "Kuwait"),
    cow(692, "BHR", "Bahrain"),
    cow(694, "QAT", "Qatar"),
    cow(696, "ARE", "United Arab Emirates"),
    cow(698, "OMN", "Oman"),
    cow(700, "AFG", "Afghanistan"),
    cow(701, "TKM", "Turkmenistan"),
    cow(702, "TJK", "Tajikistan"),
    cow(703, "KGZ", "Kyrgyzstan"),
    cow(704, "UZB", "Uzbekistan"),
    cow(705, "KAZ", "Kazakhstan"),
    cow(710, "CHN", "China"),
    cow(712, "MNG", "Mongolia"),
    // The Republic of China, holding China's seat until 1971-10-25.
    cow(713, "TWN", "Taiwan"),
    cow(731, "PRK", "North Korea"),
    cow(732, "KOR", "South Korea"),
    cow(740, "JPN", "Japan"),
    cow(750, "IND", "India"),
    cow(760, "BTN", "Bhutan"),
    cow(770, "PAK", "Pakistan"),
    cow(771, "BGD", "Bangladesh"),
    cow(775, "MMR", "Myanmar"),
    cow(780, "LKA", "Sri Lanka"),
    cow(781, "MDV", "Maldives"),
    cow(790, "NPL", "Nepal"),
    cow(800, "THA", "Thailand"),
    cow(811, "KHM", "Cambodia"),
    cow(812, "LAO", "Laos"),
    cow(816, "VNM", "Vietnam"),
    cow(820, "MYS", "Malaysia"),
    cow(830, "SGP", "Singapore"),
    cow(835, "BRN", "Brunei"),
    cow(840, "PHL", "Philippines"),
    cow(850, "IDN", "Indonesia"),
    cow(860, "TLS", "East Timor"),
    cow(900, "AUS", "Australia"),
    cow(910, "PNG", "Papua New Guinea"),
    cow(920, "NZL", "New Zealand"),
    cow(935, "VUT", "Vanuatu"),
    cow(940, "SLB", "Solomon Islands"),
    cow(946, "KIR", "Kiribati"),
    cow(947, "TUV", "Tuvalu"),
    cow(950, "FJI", "Fiji"),
    cow(955, "TON", "Tonga"),
    cow(970, "NRU", "Nauru"),
    cow(983, "MHL", "Marshall Islands"),
    cow(986, "PLW", "Palau"),
    cow(987, "FSM", "Federated States of Micronesia"),
    cow(990, "WSM", "Samoa"),
];

/// The actor id for a COW state number on a roll call's date, or `None` when the number is not
/// a UN member's.
///
/// ```
/// use cosignatory::io::cow_country_id;
/// let d = |s: &str| s.parse().unwrap();
/// assert_eq!(cow_country_id(2, d("1990-01-01")), Some("USA"));
/// assert_eq!(cow_country_id(260, d("1980-01-01")), Some("DEU"));
/// assert_eq!(cow_country_id(345, d("2010-01-01")), Some("SRB"));
/// assert_eq!(cow_country_id(999, d("2010-01-01")), None);
/// ```
pub fn cow_country_id(ccode: u16, date: NaiveDate) -> Option<&'static str> {
    cow_rows(ccode)
        .iter()
        .rev()
        .find(|r| r.from.is_none_or(|f| f <= date))
        .map(|r| r.id)
}

/// The rows of one state number, in date order (empty if none).
pub(crate) fn cow_rows(ccode: u16) -> &'static [CowCode] {
    let lo = COW_CODES.partition_point(|r| r.ccode < ccode);
    let hi = COW_CODES.partition_point(|r| r.ccode <= ccode);
    &COW_CODES[lo..hi]
}
