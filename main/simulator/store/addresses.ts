import type { Rng } from './random';

/**
 * Buyers and delivery addresses that read like real ones of each country: local name order and diacritics,
 * postcode formats, the way streets, floors and buildings are written, phone formats. All street numbers,
 * phones and postcodes are random; phone numbers use ranges reserved for fiction where a country has one.
 */

export type AddressType = 'RESIDENTIAL' | 'COMMERCIAL' | 'PICKUP_POINT';

export interface AddressRecord {
  name: string;
  companyName?: string;
  addressLine1: string;
  addressLine2?: string;
  addressLine3?: string;
  city: string;
  districtOrCounty?: string;
  stateOrRegion?: string;
  postalCode: string;
  countryCode: string;
  phone: string;
  addressType: AddressType;
}

/** Language the buyer writes notes in; `zh` for Chinese buyers abroad. */
export type BuyerLanguage = 'en' | 'de' | 'fr' | 'it' | 'es' | 'ja' | 'zh';

export interface GeneratedBuyer {
  name: string;
  language: BuyerLanguage;
  address: AddressRecord;
  /** Sales tax rate at the destination (US/CA only; VAT markets use the marketplace rate). */
  salesTaxRate: number;
}

const d = (rng: Rng, n: number) => rng.digits(n);

// ---------- Chinese buyers in North America ----------
const CN_SURNAMES = [['Zhang', '张'], ['Wang', '王'], ['Li', '李'], ['Liu', '刘'], ['Chen', '陈'], ['Yang', '杨'], ['Huang', '黄'], ['Zhao', '赵'], ['Wu', '吴'], ['Zhou', '周'], ['Xu', '徐'], ['Lin', '林']] as const;
const CN_GIVEN = [['Wei', '伟'], ['Fang', '芳'], ['Na', '娜'], ['Jing', '静'], ['Lei', '磊'], ['Min', '敏'], ['Xiaoming', '晓明'], ['Yan', '燕'], ['Jun', '军'], ['Ying', '颖'], ['Hao', '浩'], ['Xin', '欣'], ['Yuqi', '雨琪'], ['Zihan', '子涵']] as const;
const CANTONESE = ['Ka Wai Chan', 'Siu Ming Wong', 'Wing Yan Lau', 'Man Kit Cheung', 'Hoi Ling Ng'];

function chineseName(rng: Rng): string {
  const [sPy, sHz] = rng.pick(CN_SURNAMES);
  const [gPy, gHz] = rng.pick(CN_GIVEN);
  const roll = rng.next();
  if (roll < 0.55) return `${gPy} ${sPy}`;
  if (roll < 0.85) return `${sHz}${gHz}`;
  return `${gPy} ${sPy} (${sHz}${gHz})`;
}

// ---------- United States ----------
const US_FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'Michael', 'Jennifer', 'David', 'Linda', 'Emily', 'Daniel', 'Ashley', 'Christopher', 'Jessica', 'Matthew', 'Sarah', 'Joshua', 'Amanda', 'Andrew', 'Megan', 'Tyler', 'Brianna', 'Kevin', 'Samantha', 'José', 'María', 'Carlos', 'Sofía', 'DeShawn', 'Aaliyah', 'Priya'];
const US_LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernández', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Nguyen', 'Patel', 'Kim', "O'Connor", 'Walker', 'Peña'];
const US_CITIES: readonly (readonly [string, string, string, string, number])[] = [
  ['Seattle', 'WA', '981', '206', 0.1035], ['Bellevue', 'WA', '980', '425', 0.102], ['Brooklyn', 'NY', '112', '718', 0.08875],
  ['Flushing', 'NY', '113', '718', 0.08875], ['San Francisco', 'CA', '941', '415', 0.08625], ['San Gabriel', 'CA', '917', '626', 0.1025],
  ['Los Angeles', 'CA', '900', '213', 0.095], ['Irvine', 'CA', '926', '949', 0.0775], ['Austin', 'TX', '787', '512', 0.0825],
  ['Houston', 'TX', '770', '713', 0.0825], ['Chicago', 'IL', '606', '312', 0.1025], ['Miami', 'FL', '331', '305', 0.07],
  ['Orlando', 'FL', '328', '407', 0.065], ['Denver', 'CO', '802', '303', 0.0881], ['Atlanta', 'GA', '303', '404', 0.089],
  ['Boston', 'MA', '021', '617', 0.0625], ['Portland', 'OR', '972', '503', 0], ['Phoenix', 'AZ', '850', '602', 0.086],
  ['Columbus', 'OH', '432', '614', 0.075], ['Edison', 'NJ', '088', '732', 0.06625], ['Anchorage', 'AK', '995', '907', 0],
  ['Honolulu', 'HI', '968', '808', 0.045], ['Nashville', 'TN', '372', '615', 0.0925],
];
const US_STREETS = ['Maple Ave', 'Oak St', 'Pine St', 'Cedar Ln', 'Washington Blvd', 'Elm Street', 'Lakeview Dr', 'Main St', 'Sunset Blvd', 'Park Ave', 'Willow Way', 'Highland Ave', 'Martin Luther King Jr Way', 'Roosevelt Rd', 'Magnolia Ct'];

function us(rng: Rng, chineseShare: number): GeneratedBuyer {
  const chinese = rng.chance(chineseShare);
  const name = chinese ? chineseName(rng) : `${rng.pick(US_FIRST)} ${rng.pick(US_LAST)}`;
  const [city, state, zip3, area, tax] = rng.pick(US_CITIES);
  const line2 = rng.chance(0.35) ? rng.pick([`Apt ${rng.int(1, 30)}${rng.pick(['A', 'B', 'C', 'D'])}`, `Unit ${rng.int(100, 2400)}`, `#${rng.int(101, 999)}`]) : undefined;
  return {
    name,
    language: chinese ? 'zh' : 'en',
    salesTaxRate: tax,
    address: {
      name,
      addressLine1: `${rng.int(10, 9899)} ${rng.pick(US_STREETS)}`,
      ...(line2 ? { addressLine2: line2 } : {}),
      city,
      stateOrRegion: state,
      postalCode: `${zip3}${d(rng, 2)}${rng.chance(0.15) ? `-${d(rng, 4)}` : ''}`,
      countryCode: 'US',
      phone: `+1 ${area}-555-01${d(rng, 2)}`,
      addressType: 'RESIDENTIAL',
    },
  };
}

// ---------- Canada ----------
const CA_CITIES: readonly (readonly [string, string, string, string, number])[] = [
  ['Toronto', 'ON', 'M5V', '416', 0.13], ['Markham', 'ON', 'L3R', '905', 0.13], ['Ottawa', 'ON', 'K1P', '613', 0.13],
  ['Vancouver', 'BC', 'V6B', '604', 0.12], ['Richmond', 'BC', 'V6X', '604', 0.12], ['Calgary', 'AB', 'T2P', '403', 0.05],
  ['Edmonton', 'AB', 'T5J', '780', 0.05], ['Montréal', 'QC', 'H2X', '514', 0.14975], ['Québec', 'QC', 'G1R', '418', 0.14975],
  ['Trois-Rivières', 'QC', 'G9A', '819', 0.14975], ['Halifax', 'NS', 'B3H', '902', 0.14], ['Winnipeg', 'MB', 'R3C', '204', 0.12],
];
const CA_EN_STREETS = ['Queen St W', 'King St E', 'Yonge St', 'Granville St', 'Robson St', 'Jasper Ave', 'Portage Ave', 'Spring Garden Rd', 'Bank St', 'No. 3 Rd'];
const QC_STREETS = ['rue Saint-Denis', 'boulevard René-Lévesque', 'avenue du Mont-Royal', 'rue Sainte-Catherine', 'chemin de la Côte-des-Neiges', 'rue des Forges'];
const QC_NAMES = ['Geneviève Tremblay', 'François Gagnon', 'Mélanie Côté', 'Jérôme Bélanger', 'Émilie Pelletier', 'Stéphane Lévesque', 'Amélie Bouchard', 'Benoît Gauthier'];
const CA_EN_NAMES = ['Liam MacDonald', 'Olivia Campbell', 'Noah Thompson', 'Emma Robertson', 'Ethan Wilson', 'Ava Singh', 'Harjit Gill', 'Chloe Fraser', 'Owen Murray', 'Zoë Sinclair'];
const POSTAL_LETTERS = 'ABCEGHJKLMNPRSTVWXYZ';

function ca(rng: Rng): GeneratedBuyer {
  const [city, prov, fsa, area, tax] = rng.pick(CA_CITIES);
  const quebec = prov === 'QC';
  const chinese = !quebec && rng.chance(0.15);
  const name = chinese ? (rng.chance(0.3) ? rng.pick(CANTONESE) : chineseName(rng)) : quebec ? rng.pick(QC_NAMES) : rng.pick(CA_EN_NAMES);
  const unit = rng.chance(0.4) ? (quebec ? `app. ${rng.int(1, 40)}` : `Unit ${rng.int(101, 2908)}`) : undefined;
  return {
    name,
    language: chinese ? 'zh' : quebec ? 'fr' : 'en',
    salesTaxRate: tax,
    address: {
      name,
      addressLine1: `${rng.int(1, 4999)} ${rng.pick(quebec ? QC_STREETS : CA_EN_STREETS)}`,
      ...(unit ? { addressLine2: unit } : {}),
      city,
      stateOrRegion: prov,
      postalCode: `${fsa} ${rng.int(1, 9)}${rng.alnum(1, POSTAL_LETTERS)}${rng.int(0, 9)}`,
      countryCode: 'CA',
      phone: `+1 ${area}-555-01${d(rng, 2)}`,
      addressType: 'RESIDENTIAL',
    },
  };
}

// ---------- Mexico ----------
const MX_PLACES: readonly (readonly [string, string, string, string, string])[] = [
  ['Ciudad de México', 'Ciudad de México', 'Roma Norte', '06700', '55'], ['Ciudad de México', 'Ciudad de México', 'Condesa', '06140', '55'],
  ['Ciudad de México', 'Ciudad de México', 'Del Valle Centro', '03100', '55'], ['Ciudad de México', 'Ciudad de México', 'Coyoacán', '04000', '55'],
  ['Ciudad de México', 'Ciudad de México', 'Polanco V Sección', '11560', '55'], ['Guadalajara', 'Jalisco', 'Americana', '44160', '33'],
  ['Zapopan', 'Jalisco', 'Chapalita', '45040', '33'], ['Monterrey', 'Nuevo León', 'Mitras Centro', '64460', '81'],
  ['San Pedro Garza García', 'Nuevo León', 'Del Valle', '66220', '81'], ['Puebla', 'Puebla', 'La Paz', '72160', '222'],
  ['Mérida', 'Yucatán', 'García Ginerés', '97070', '999'], ['Querétaro', 'Querétaro', 'Centro', '76000', '442'],
  ['León', 'Guanajuato', 'Jardines del Moral', '37160', '477'],
];
const MX_STREETS = ['Av. Insurgentes Sur', 'Calle Durango', 'Av. Chapultepec', 'Calle Morelos', 'Av. Vallarta', 'Calle José María Pino Suárez', 'Av. Constitución', 'Calle Juárez', 'Av. Miguel Hidalgo'];
const MX_NAMES = ['José Luis Hernández', 'María Guadalupe López', 'Juan Carlos Martínez', 'Ana Sofía González', 'Jesús Ramírez', 'Verónica Sánchez', 'Andrés Pérez', 'Mónica Flores', 'Raúl Gómez', 'Ximena Díaz', 'Ángel Cruz', 'Itzel Morales'];

function mx(rng: Rng): GeneratedBuyer {
  const [city, state, colonia, cp, area] = rng.pick(MX_PLACES);
  const name = rng.pick(MX_NAMES);
  const interior = rng.chance(0.4) ? `Int. ${rng.int(1, 12)}` : rng.chance(0.3) ? `Depto. ${rng.int(101, 804)}` : undefined;
  const localDigits = 10 - area.length;
  const local = d(rng, localDigits);
  return {
    name,
    language: 'es',
    salesTaxRate: 0,
    address: {
      name,
      addressLine1: `${rng.pick(MX_STREETS)} ${rng.int(1, 3200)}${interior ? `, ${interior}` : ''}`,
      addressLine2: `Col. ${colonia}`,
      city,
      districtOrCounty: colonia,
      stateOrRegion: state,
      postalCode: cp,
      countryCode: 'MX',
      phone: `+52 ${area} ${local.slice(0, localDigits - 4)} ${local.slice(-4)}`,
      addressType: 'RESIDENTIAL',
    },
  };
}

// ---------- United Kingdom ----------
const GB_PLACES: readonly (readonly [string, string, string, readonly string[]])[] = [
  ['London', 'Greater London', 'England', ['SW1A', 'E14', 'N1', 'SE10', 'W2', 'NW3']], ['Manchester', 'Greater Manchester', 'England', ['M1', 'M14', 'M20']],
  ['Birmingham', 'West Midlands', 'England', ['B1', 'B15']], ['Leeds', 'West Yorkshire', 'England', ['LS1', 'LS6']], ['Bristol', 'Bristol', 'England', ['BS1', 'BS8']],
  ['Edinburgh', 'City of Edinburgh', 'Scotland', ['EH1', 'EH3']], ['Glasgow', 'Glasgow City', 'Scotland', ['G1', 'G12']], ['Cardiff', 'Cardiff', 'Wales', ['CF10', 'CF24']],
  ['Belfast', 'County Antrim', 'Northern Ireland', ['BT1', 'BT9']], ['Newcastle upon Tyne', 'Tyne and Wear', 'England', ['NE1', 'NE6']],
];
const GB_STREETS = ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Kingsway', "Queen's Road", 'Mill Lane', 'Park Road', 'The Crescent', 'Albert Street'];
const GB_NAMES = ['Oliver Smith', 'Amelia Jones', 'George Taylor', 'Isla Brown', 'Harry Wilson', 'Emily Davies', 'Jack Evans', 'Sophie Thomas', 'Charlie Roberts', "Siobhán O'Neill", 'Seán Murphy', 'Zoë Clarke', 'Chloë Hughes', 'Priya Sharma', 'Mohammed Khan', 'Aoife Byrne', 'Rhys Llewellyn'];
const GB_INWARD = 'ABDEFGHJLNPQRSTUWXYZ';

function gb(rng: Rng): GeneratedBuyer {
  const [city, county, nation, outward] = rng.pick(GB_PLACES);
  const name = rng.pick(GB_NAMES);
  const flat = rng.chance(0.3) ? `Flat ${rng.int(1, 24)}${rng.chance(0.3) ? rng.pick(['A', 'B']) : ''}` : undefined;
  return {
    name,
    language: 'en',
    salesTaxRate: 0,
    address: {
      name,
      addressLine1: `${rng.int(1, 240)} ${rng.pick(GB_STREETS)}`,
      ...(flat ? { addressLine2: flat } : {}),
      city,
      districtOrCounty: county,
      stateOrRegion: nation,
      postalCode: `${rng.pick(outward)} ${rng.int(1, 9)}${rng.alnum(2, GB_INWARD)}`,
      countryCode: 'GB',
      phone: `+44 7700 900${d(rng, 3)}`,
      addressType: 'RESIDENTIAL',
    },
  };
}

// ---------- Germany ----------
const DE_PLACES: readonly (readonly [string, string, readonly string[], string])[] = [
  ['Berlin', 'Berlin', ['10115', '10405', '10707', '10997', '12043', '13347'], '30'], ['München', 'Bayern', ['80331', '80469', '80799', '81369'], '89'],
  ['Köln', 'Nordrhein-Westfalen', ['50667', '50823', '51065'], '221'], ['Düsseldorf', 'Nordrhein-Westfalen', ['40210', '40477'], '211'],
  ['Hamburg', 'Hamburg', ['20095', '22767', '22303'], '40'], ['Frankfurt am Main', 'Hessen', ['60311', '60486'], '69'],
  ['Stuttgart', 'Baden-Württemberg', ['70173', '70199'], '711'], ['Nürnberg', 'Bayern', ['90402', '90459'], '911'],
  ['Leipzig', 'Sachsen', ['04103', '04229'], '341'], ['Dresden', 'Sachsen', ['01067', '01307'], '351'], ['Münster', 'Nordrhein-Westfalen', ['48143'], '251'],
  ['Lübeck', 'Schleswig-Holstein', ['23552'], '451'], ['Göttingen', 'Niedersachsen', ['37073'], '551'], ['Würzburg', 'Bayern', ['97070'], '931'],
  ['Saarbrücken', 'Saarland', ['66111'], '681'],
];
const DE_STREETS = ['Hauptstraße', 'Schloßstraße', 'Bahnhofstraße', 'Goethestraße', 'Königsallee', 'Mühlenweg', 'Lindenstraße', 'Am Rosengärtchen', 'Kölner Straße', 'Gartenstraße', 'Friedrichstraße', 'Weißdornweg', 'Grüner Weg', 'Schönhauser Allee', 'Große Bleichen'];
const DE_NAMES = ['Jürgen Weiß', 'Sören Groß', 'Lena Müller', 'Björn Schäfer', 'Jörg Krüger', 'Mia Schröder', 'Lukas Becker', 'Hannah Wagner', 'Maximilian Hoffmann', 'Sophie Köhler', 'Leonie Fuchs', 'Dörte Voß', 'Ümit Yılmaz', 'Zoë Lange', 'Paul Strauß', 'Anja Bäumer'];

function de(rng: Rng): GeneratedBuyer {
  const [city, state, plzs, area] = rng.pick(DE_PLACES);
  const name = rng.pick(DE_NAMES);
  const phone = rng.chance(0.6) ? `+49 ${rng.pick(['151', '160', '171', '176'])} ${d(rng, 8)}` : `+49 ${area} ${d(rng, 11 - area.length)}`;
  if (rng.chance(0.05)) {
    // DHL Packstation: the buyer's Postnummer goes where a street would be.
    return {
      name,
      language: 'de',
      salesTaxRate: 0,
      address: { name, addressLine1: `Packstation ${rng.int(101, 299)}`, addressLine2: d(rng, 9), city, stateOrRegion: state, postalCode: rng.pick(plzs), countryCode: 'DE', phone, addressType: 'PICKUP_POINT' },
    };
  }
  const extra = rng.chance(0.25) ? rng.pick(['3. OG links', 'Hinterhaus', `Wohnung ${rng.int(1, 24)}`, 'c/o Müller', 'Erdgeschoss rechts']) : undefined;
  return {
    name,
    language: 'de',
    salesTaxRate: 0,
    address: {
      name,
      addressLine1: `${rng.pick(DE_STREETS)} ${rng.int(1, 180)}${rng.chance(0.1) ? rng.pick(['a', 'b']) : ''}`,
      ...(extra ? { addressLine2: extra } : {}),
      city,
      stateOrRegion: state,
      postalCode: rng.pick(plzs),
      countryCode: 'DE',
      phone,
      addressType: 'RESIDENTIAL',
    },
  };
}

// ---------- France ----------
const FR_PLACES: readonly (readonly [string, string, readonly string[]])[] = [
  ['Paris', 'Île-de-France', ['75001', '75011', '75015', '75018', '75020']], ['Lyon', 'Auvergne-Rhône-Alpes', ['69001', '69003', '69007']],
  ['Marseille', "Provence-Alpes-Côte d'Azur", ['13001', '13006', '13008']], ['Toulouse', 'Occitanie', ['31000', '31400']], ['Nîmes', 'Occitanie', ['30000', '30900']],
  ['Besançon', 'Bourgogne-Franche-Comté', ['25000']], ['Orléans', 'Centre-Val de Loire', ['45000']], ['Saint-Étienne', 'Auvergne-Rhône-Alpes', ['42000', '42100']],
  ['Nantes', 'Pays de la Loire', ['44000', '44300']], ['Strasbourg', 'Grand Est', ['67000']], ['Lille', 'Hauts-de-France', ['59000', '59800']],
  ['Évry-Courcouronnes', 'Île-de-France', ['91000']], ['Angoulême', 'Nouvelle-Aquitaine', ['16000']],
];
const FR_STREETS = ['rue de la Paix', 'rue du Faubourg Saint-Honoré', 'avenue Jean-Jaurès', 'boulevard Saint-Germain', "place de l'Église", 'allée des Châtaigniers', "rue de l'Hôtel de Ville", 'chemin des Prés', 'impasse des Érables', 'rue Émile Zola', 'quai de la Tournelle'];
const FR_NAMES = ['Hélène Lefèvre', 'Jérôme Dubois', 'Anaïs Moreau', 'Léa Girard', 'Théo Rousseau', 'Chloé Fontaine', 'Noémie Lambert', 'Mathéo Faure', 'Clément Mercier', 'Océane Blanchard', 'Gaëlle Chevalier', 'Benoît Lefèvre', 'Inès Benali', 'Zoé Perrin', 'Loïc Gauthier', 'François Bézier'];

function fr(rng: Rng): GeneratedBuyer {
  const [city, region, cps] = rng.pick(FR_PLACES);
  const name = rng.pick(FR_NAMES);
  const extra = rng.chance(0.3) ? rng.pick(['Bâtiment B', `Appartement ${rng.int(1, 60)}`, 'Résidence Les Tilleuls', 'Escalier C, 3e étage']) : undefined;
  const p = d(rng, 8);
  return {
    name,
    language: 'fr',
    salesTaxRate: 0,
    address: {
      name,
      addressLine1: `${rng.int(1, 140)}${rng.chance(0.08) ? ' bis' : ''} ${rng.pick(FR_STREETS)}`,
      ...(extra ? { addressLine2: extra } : {}),
      city,
      stateOrRegion: region,
      postalCode: rng.pick(cps),
      countryCode: 'FR',
      phone: `+33 ${rng.pick(['6', '7'])} ${p.slice(0, 2)} ${p.slice(2, 4)} ${p.slice(4, 6)} ${p.slice(6, 8)}`,
      addressType: 'RESIDENTIAL',
    },
  };
}

// ---------- Italy (stateOrRegion is the province code, as Amazon.it shows it) ----------
const IT_PLACES: readonly (readonly [string, string, readonly string[]])[] = [
  ['Roma', 'RM', ['00184', '00153', '00197']], ['Milano', 'MI', ['20121', '20144', '20159']], ['Napoli', 'NA', ['80121', '80138']], ['Torino', 'TO', ['10121', '10153']],
  ['Bologna', 'BO', ['40121', '40137']], ['Firenze', 'FI', ['50122', '50136']], ['Forlì', 'FC', ['47121', '47122']], ['Cantù', 'CO', ['22063']], ['Paternò', 'CT', ['95047']],
  ['Genova', 'GE', ['16121', '16128']], ['Palermo', 'PA', ['90133', '90141']], ['Cefalù', 'PA', ['90015']], ['Bari', 'BA', ['70121']], ['Verona', 'VR', ['37121']],
];
const IT_STREETS = ['Via Giuseppe Garibaldi', 'Via Roma', 'Corso Vittorio Emanuele II', 'Piazza del Duomo', 'Via Niccolò Machiavelli', 'Viale dei Mille', "Via Sant'Agostino", 'Vicolo dei Fiorentini', 'Via Giosuè Carducci', 'Via Nicolò Tommaseo'];
const IT_NAMES = ['Niccolò Ferrari', 'Nicolò Bianchi', 'Lucia Russo', 'Andrea Colombo', 'Giosuè Esposito', 'Francesca Romano', 'Matteo Ricci', 'Chiara Marino', 'Lorenzo Greco', 'Giulia Bruno', 'Federica Gallo', 'Mattia Conti', 'Ilaria De Luca', 'Nicolò Carrà', 'Gianluca Crimì', 'Noemi Mazzù'];

function it(rng: Rng): GeneratedBuyer {
  const [city, prov, caps] = rng.pick(IT_PLACES);
  const name = rng.pick(IT_NAMES);
  const extra = rng.chance(0.3) ? rng.pick([`Scala B, interno ${rng.int(1, 20)}`, `Piano ${rng.int(1, 6)}`, 'c/o Studio Rossi', `Interno ${rng.int(1, 30)}`]) : undefined;
  return {
    name,
    language: 'it',
    salesTaxRate: 0,
    address: {
      name,
      addressLine1: `${rng.pick(IT_STREETS)}, ${rng.int(1, 220)}`,
      ...(extra ? { addressLine2: extra } : {}),
      city,
      stateOrRegion: prov,
      postalCode: rng.pick(caps),
      countryCode: 'IT',
      phone: `+39 3${d(rng, 2)} ${d(rng, 3)} ${d(rng, 4)}`,
      addressType: 'RESIDENTIAL',
    },
  };
}

// ---------- Spain ----------
const ES_PLACES: readonly (readonly [string, string, readonly string[]])[] = [
  ['Madrid', 'Madrid', ['28001', '28004', '28013', '28045']], ['Barcelona', 'Barcelona', ['08001', '08012', '08036']], ['Valencia', 'Valencia', ['46001', '46021']],
  ['Sevilla', 'Sevilla', ['41001', '41010']], ['A Coruña', 'A Coruña', ['15001', '15004']], ['Logroño', 'La Rioja', ['26001']], ['Málaga', 'Málaga', ['29001', '29016']],
  ['Córdoba', 'Córdoba', ['14001']], ['León', 'León', ['24001']], ['Cádiz', 'Cádiz', ['11001']], ['Donostia-San Sebastián', 'Gipuzkoa', ['20001']],
  ['Alcalá de Henares', 'Madrid', ['28801']],
];
const ES_STREETS = ['Calle de Alcalá', 'Avenida de la Constitución', 'Carrer de Muntaner', 'Calle Mayor', 'Paseo de la Castellana', 'Calle de Núñez de Balboa', 'Plaza de España', 'Calle Real', 'Rúa do Vilar', 'Avenida de Andalucía', 'Calle Peñalver', 'Travesía del Niño Jesús'];
const ES_NAMES = ['Begoña Muñoz', 'Íñigo Núñez', 'José Ramón Peña', 'María José García', 'Sofía Ibáñez', 'Álvaro Fernández', 'Lucía Martín', 'Nerea Gómez', 'Jesús Ortega', 'Raúl Jiménez', 'Ainhoa Etxeberria', 'Pau Puig', 'Montserrat Vidal', 'Rocío Domínguez', 'Martín Cañizares'];

function es(rng: Rng): GeneratedBuyer {
  const [city, prov, cps] = rng.pick(ES_PLACES);
  const name = rng.pick(ES_NAMES);
  const floor = rng.chance(0.7) ? rng.pick([`${rng.int(1, 9)}º ${rng.pick(['A', 'B', 'C', 'D', 'Izda.', 'Dcha.'])}`, 'Bajo A', 'Ático']) : undefined;
  return {
    name,
    language: 'es',
    salesTaxRate: 0,
    address: {
      name,
      addressLine1: `${rng.pick(ES_STREETS)}, ${rng.int(1, 160)}`,
      ...(floor ? { addressLine2: floor } : {}),
      city,
      stateOrRegion: prov,
      postalCode: rng.pick(cps),
      countryCode: 'ES',
      phone: `+34 6${d(rng, 2)} ${d(rng, 2)} ${d(rng, 2)} ${d(rng, 2)}`,
      addressType: 'RESIDENTIAL',
    },
  };
}

// ---------- Japan (prefecture / city / town + chōme-banchi / building, as Amazon.co.jp stores them) ----------
const JP_PLACES: readonly (readonly [string, string, string, string])[] = [
  ['東京都', '渋谷区', '神宮前', '150-0001'], ['東京都', '新宿区', '西新宿', '160-0023'], ['東京都', '世田谷区', '三軒茶屋', '154-0024'], ['東京都', '港区', '六本木', '106-0032'],
  ['東京都', '江東区', '豊洲', '135-0061'], ['大阪府', '大阪市北区', '梅田', '530-0001'], ['大阪府', '堺市堺区', '中瓦町', '590-0028'], ['神奈川県', '横浜市西区', 'みなとみらい', '220-0012'],
  ['神奈川県', '川崎市中原区', '小杉町', '211-0063'], ['愛知県', '名古屋市中区', '栄', '460-0008'], ['福岡県', '福岡市博多区', '博多駅前', '812-0011'], ['北海道', '札幌市中央区', '大通西', '060-0042'],
  ['宮城県', '仙台市青葉区', '一番町', '980-0811'], ['兵庫県', '神戸市中央区', '三宮町', '650-0021'], ['沖縄県', '那覇市', '久茂地', '900-0015'], ['京都府', '京都市中京区', '河原町通', '604-8005'],
];
const JP_SURNAMES = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田', '斎藤', '松本', '井上'];
const JP_GIVEN = ['健太', '美咲', '翔', '陽菜', '大輔', 'さくら', '蓮', '結衣', '拓海', '愛', '悠斗', '花子', '優', 'ひまり', '颯太', 'ゆうき'];
const JP_ROMAJI = ['Yuki Tanaka', 'Haruto Sato', 'Aoi Suzuki'];
const JP_BUILDINGS = ['グランドメゾン', 'パークハイツ', 'サンシャインマンション', 'コーポ桜', 'レジデンス青葉', 'ハイツ富士見', 'メゾン・ド・ソレイユ', 'シャトー白金'];

function jp(rng: Rng): GeneratedBuyer {
  const [pref, city, town, postal] = rng.pick(JP_PLACES);
  const name = rng.chance(0.04) ? rng.pick(JP_ROMAJI) : `${rng.pick(JP_SURNAMES)} ${rng.pick(JP_GIVEN)}`;
  const building = rng.chance(0.6) ? `${rng.pick(JP_BUILDINGS)} ${rng.int(1, 12)}0${rng.int(1, 9)}号室` : undefined;
  return {
    name,
    language: 'ja',
    salesTaxRate: 0,
    address: {
      name,
      addressLine1: `${town}${rng.int(1, 5)}-${rng.int(1, 30)}-${rng.int(1, 20)}`,
      ...(building ? { addressLine2: building } : {}),
      city,
      stateOrRegion: pref,
      postalCode: postal,
      countryCode: 'JP',
      phone: rng.chance(0.8) ? `${rng.pick(['090', '080', '070'])}-${d(rng, 4)}-${d(rng, 4)}` : `03-${d(rng, 4)}-${d(rng, 4)}`,
      addressType: 'RESIDENTIAL',
    },
  };
}

const GENERATORS: Readonly<Record<string, (rng: Rng) => GeneratedBuyer>> = {
  US: (rng) => us(rng, 0.12),
  CA: ca,
  MX: mx,
  GB: gb,
  DE: de,
  FR: fr,
  IT: it,
  ES: es,
  JP: jp,
};

/** Lines buyers really type into address fields, emoji included; about one address in a hundred gets one. */
const EMOJI_LINES: Readonly<Record<string, readonly string[]>> = {
  US: ['Blue door 🚪', 'Side gate, beware of dog 🐕'], CA: ['Buzz 1204 🔔'], MX: ['Casa con portón verde 🌵'], GB: ['Red door next to the bakery 🥐'],
  DE: ['Klingel defekt, bitte klopfen 🙏'], FR: ['Digicode 4821B 🔑'], IT: ['Citofono rotto 📞'], ES: ['Portal verde 🟩'], JP: ['表札なし 🌸'],
};

export function generateBuyer(rng: Rng, countryCode: string): GeneratedBuyer {
  const generate = GENERATORS[countryCode];
  if (!generate) throw new RangeError(`no address data for country ${countryCode}`);
  const buyer = generate(rng);
  if (rng.chance(0.012) && buyer.address.addressType !== 'PICKUP_POINT') {
    buyer.address.addressLine3 = rng.pick(EMOJI_LINES[countryCode] ?? ['🙂']);
  }
  return buyer;
}

/** Someone else at the buyer's address, for gifts and orders placed for a family member. */
export function otherRecipientName(rng: Rng, countryCode: string): string {
  return (GENERATORS[countryCode] ?? jp)(rng).name;
}

const COMPANIES: Readonly<Record<string, readonly string[]>> = {
  US: ['Brightline Dental Group LLC', 'Cascade Property Management Inc.', 'Sunrise Montessori School', 'Golden Dragon Trading Co.', 'Redwood Coffee Roasters LLC'],
  CA: ['Maple Leaf Dental Inc.', 'Clinique Vétérinaire Côté', 'Northern Lights Daycare Ltd.'],
  MX: ['Comercializadora del Bajío S.A. de C.V.', 'Consultorio Dental Peña', 'Papelería La Güera'],
  GB: ['Harper & Cole Ltd', 'Thistle Veterinary Practice', "St Mary's Primary School"],
  DE: ['Müller & Söhne GmbH', 'Zahnarztpraxis Dr. Weiß', 'Bäckerei Schäfer KG', 'Kita Sonnenblume e.V.'],
  FR: ['Boulangerie Lefèvre SARL', 'Cabinet Médical Saint-Étienne', 'Librairie Gaëlle & Fils'],
  IT: ['Ferramenta Bianchi S.r.l.', 'Studio Dentistico Crimì', 'Caffè Forlì S.n.c.'],
  ES: ['Talleres Núñez S.L.', 'Clínica Dental Peñalver', 'Panadería Ibáñez S.L.'],
  JP: ['株式会社山田製作所', '合同会社さくらデザイン', '医療法人 佐藤歯科クリニック', '有限会社鈴木商店'],
};

export function companyName(rng: Rng, countryCode: string): string {
  return rng.pick(COMPANIES[countryCode] ?? COMPANIES.US ?? ['Acme']);
}
