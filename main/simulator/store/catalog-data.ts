import type { Language } from './marketplaces';

/**
 * The products a typical Shenzhen/Yiwu cross-border seller lists, with listing copy written per language the
 * way such listings read on each Amazon site (long, keyword-heavy titles).
 */

export type Localized = Readonly<Record<Language, string>>;

export type BrandGroup = 'electronics' | 'home' | 'lights' | 'pets' | 'beauty' | 'sports' | 'toys' | 'tools';

export type VariantKind = 'color' | 'pack' | 'size' | 'pieces' | 'none';

export interface ProductConcept {
  code: string;
  group: BrandGroup;
  productType: string;
  /** List price in US dollars for the first variant. */
  baseUsd: number;
  weightGrams: number;
  dimensionsCm: readonly [number, number, number];
  name: Localized;
  feature: Localized;
  variantKind: VariantKind;
  /** Colour keys, pack counts, sizes in metres or piece counts, by `variantKind`. */
  variants: readonly (string | number)[];
  /** Relative sales popularity of the concept. */
  popularity: number;
}

export const COLORS: Readonly<Record<string, { code: string; label: Localized }>> = {
  black: { code: 'BK', label: { en: 'Black', de: 'Schwarz', fr: 'Noir', it: 'Nero', es: 'Negro', ja: 'ブラック' } },
  white: { code: 'WH', label: { en: 'White', de: 'Weiß', fr: 'Blanc', it: 'Bianco', es: 'Blanco', ja: 'ホワイト' } },
  blue: { code: 'BL', label: { en: 'Blue', de: 'Blau', fr: 'Bleu', it: 'Blu', es: 'Azul', ja: 'ブルー' } },
  pink: { code: 'PK', label: { en: 'Pink', de: 'Rosa', fr: 'Rose', it: 'Rosa', es: 'Rosa', ja: 'ピンク' } },
  green: { code: 'GN', label: { en: 'Green', de: 'Grün', fr: 'Vert', it: 'Verde', es: 'Verde', ja: 'グリーン' } },
  beige: { code: 'BG', label: { en: 'Beige', de: 'Beige', fr: 'Beige', it: 'Beige', es: 'Beige', ja: 'ベージュ' } },
  navy: { code: 'NV', label: { en: 'Navy Blue', de: 'Marineblau', fr: 'Bleu marine', it: 'Blu navy', es: 'Azul marino', ja: 'ネイビー' } },
  silver: { code: 'SV', label: { en: 'Silver', de: 'Silber', fr: 'Argent', it: 'Argento', es: 'Plata', ja: 'シルバー' } },
  purple: { code: 'PU', label: { en: 'Purple', de: 'Lila', fr: 'Violet', it: 'Viola', es: 'Morado', ja: 'パープル' } },
  roseGold: { code: 'RG', label: { en: 'Rose Gold', de: 'Roségold', fr: 'Or rose', it: 'Oro rosa', es: 'Oro rosa', ja: 'ローズゴールド' } },
  clear: { code: 'CL', label: { en: 'Clear', de: 'Transparent', fr: 'Transparent', it: 'Trasparente', es: 'Transparente', ja: 'クリア' } },
};

export function variantLabel(kind: VariantKind, value: string | number, lang: Language): string {
  switch (kind) {
    case 'color':
      return COLORS[String(value)]?.label[lang] ?? String(value);
    case 'pack': {
      const n = Number(value);
      return { en: `Pack of ${n}`, de: `${n}er-Pack`, fr: `Lot de ${n}`, it: `Confezione da ${n}`, es: `Pack de ${n}`, ja: `${n}個セット` }[lang];
    }
    case 'size':
      return lang === 'en' || lang === 'ja' ? `${value}m` : `${value} m`;
    case 'pieces': {
      const n = Number(value);
      return { en: `${n} Pieces`, de: `${n} Teile`, fr: `${n} pièces`, it: `${n} pezzi`, es: `${n} piezas`, ja: `${n}ピース` }[lang];
    }
    case 'none':
      return '';
  }
}

export function variantCode(kind: VariantKind, value: string | number): string {
  switch (kind) {
    case 'color':
      return COLORS[String(value)]?.code ?? 'XX';
    case 'pack':
      return `${value}PK`;
    case 'size':
      return `${value}M`;
    case 'pieces':
      return `${value}PC`;
    case 'none':
      return 'STD';
  }
}

/** Price multiplier of a variant relative to the first one (bigger packs and lengths cost more, not linearly). */
export function variantPriceFactor(kind: VariantKind, value: string | number, first: string | number): number {
  if (kind === 'color' || kind === 'none') return 1;
  const ratio = Number(value) / Number(first);
  return ratio <= 1 ? 1 : 1 + (ratio - 1) * 0.7;
}

export function generationLabel(generation: number, lang: Language): string {
  const n = generation + 1;
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return { en: `${n}${suffix} Gen`, de: `${n}. Generation`, fr: `${n}e génération`, it: `${n}ª generazione`, es: `${n}.ª generación`, ja: `第${n}世代` }[lang];
}

/** Invented brands in the style cross-border sellers register: coined Latin names, some with their Chinese name. */
export const BRANDS: Readonly<Record<BrandGroup, readonly string[]>> = {
  electronics: ['VOLTKIN', 'QIANLI 千里', 'ZEKOOP', 'Lioncore'],
  home: ['悦家 YUEJIA', 'HOMELUX', 'KAIXIN', 'Tidyo'],
  lights: ['Lumiqo', 'GUANGMING 光明', 'NEOBRITE'],
  pets: ['PAWZHI', 'Miaowoof', '喵汪 MIAOWANG'],
  beauty: ['ZHIMEI 智美', 'BeautyKoi', 'Lunavie'],
  sports: ['QWZEOT', 'FITYUE', 'TIANJIAN 天健'],
  toys: ['LEYOU 乐游', 'Brickzy', 'KIDBLOX'],
  tools: ['HANDIK', 'JINGONG 金工', 'Toolsun'],
};

export const PRODUCT_CONCEPTS: readonly ProductConcept[] = [
  {
    code: 'EB', group: 'electronics', productType: 'HEADPHONES', baseUsd: 29.99, weightGrams: 55, dimensionsCm: [9, 7, 3.5],
    name: { en: 'Wireless Earbuds Bluetooth 5.3', de: 'Bluetooth Kopfhörer In-Ear, Bluetooth 5.3', fr: 'Écouteurs sans fil Bluetooth 5.3', it: 'Auricolari Bluetooth 5.3 senza fili', es: 'Auriculares inalámbricos Bluetooth 5.3', ja: 'ワイヤレスイヤホン Bluetooth 5.3' },
    feature: { en: '40H Playtime, ENC Noise Cancelling Mic, IPX7 Waterproof', de: '40 Std. Spielzeit, ENC-Mikrofon mit Geräuschunterdrückung, IPX7 wasserdicht', fr: "40 h d'autonomie, micro antibruit ENC, étanche IPX7", it: '40 ore di autonomia, microfono con cancellazione del rumore ENC, impermeabili IPX7', es: '40 h de reproducción, micrófono con cancelación de ruido ENC, resistentes al agua IPX7', ja: '最大40時間再生 ENCノイズキャンセリング IPX7防水' },
    variantKind: 'color', variants: ['black', 'white', 'blue'], popularity: 10,
  },
  {
    code: 'CH', group: 'electronics', productType: 'CHARGING_ADAPTER', baseUsd: 35.99, weightGrams: 120, dimensionsCm: [6, 6, 3],
    name: { en: '65W USB C Charger, GaN 3-Port Fast Charging Plug', de: '65W USB C Ladegerät, GaN 3-Port Schnellladegerät Netzteil', fr: 'Chargeur USB C 65 W, chargeur rapide GaN 3 ports', it: 'Caricatore USB C 65W, alimentatore GaN a 3 porte con ricarica rapida', es: 'Cargador USB C 65 W, cargador rápido GaN de 3 puertos', ja: 'USB-C 充電器 65W GaN 3ポート 急速充電器' },
    feature: { en: 'PD 3.0 PPS, Compatible with Laptops, Tablets and Phones', de: 'PD 3.0 PPS, kompatibel mit Laptops, Tablets und Handys', fr: 'PD 3.0 PPS, compatible avec ordinateurs portables, tablettes et smartphones', it: 'PD 3.0 PPS, compatibile con laptop, tablet e smartphone', es: 'PD 3.0 PPS, compatible con portátiles, tabletas y móviles', ja: 'PD3.0/PPS対応 ノートPC・タブレット・スマホ対応' },
    variantKind: 'color', variants: ['black', 'white'], popularity: 8,
  },
  {
    code: 'CB', group: 'electronics', productType: 'ELECTRONIC_CABLE', baseUsd: 12.99, weightGrams: 60, dimensionsCm: [12, 10, 2],
    name: { en: 'USB C to USB C Cable 2m, 100W Braided Fast Charging Cord', de: 'USB C auf USB C Kabel 2m, 100W Nylon geflochtenes Schnellladekabel', fr: 'Câble USB C vers USB C 2 m, câble de charge rapide 100 W en nylon tressé', it: 'Cavo da USB C a USB C 2 m, cavo di ricarica rapida 100W in nylon intrecciato', es: 'Cable USB C a USB C 2 m, cable de carga rápida 100 W trenzado de nailon', ja: 'USB-C to USB-C ケーブル 2m 100W ナイロン編み 急速充電' },
    feature: { en: '480Mbps Data Sync', de: '480 Mbit/s Datenübertragung', fr: 'transfert de données 480 Mbit/s', it: 'trasferimento dati 480 Mbps', es: 'transferencia de datos de 480 Mbps', ja: '480Mbpsデータ転送' },
    variantKind: 'pack', variants: [1, 2, 3], popularity: 9,
  },
  {
    code: 'CM', group: 'electronics', productType: 'PHONE_ACCESSORY', baseUsd: 19.99, weightGrams: 150, dimensionsCm: [10, 8, 6],
    name: { en: 'Magnetic Phone Holder for Car, Air Vent Mount', de: 'Handyhalterung Auto Magnet, Lüftungsgitter Halterung', fr: "Support téléphone voiture magnétique pour grille d'aération", it: "Porta cellulare da auto magnetico per bocchette d'aria", es: 'Soporte magnético de móvil para coche, rejilla de ventilación', ja: 'スマホホルダー 車載 マグネット式 エアコン吹き出し口' },
    feature: { en: '360° Rotation, Strong N52 Magnets', de: '360° drehbar, starke N52-Magnete', fr: 'rotation à 360°, aimants N52 puissants', it: 'rotazione a 360°, potenti magneti N52', es: 'rotación de 360°, imanes N52 potentes', ja: '360度回転 強力N52磁石' },
    variantKind: 'color', variants: ['black', 'silver'], popularity: 5,
  },
  {
    code: 'LS', group: 'lights', productType: 'LIGHT_FIXTURE', baseUsd: 22.99, weightGrams: 300, dimensionsCm: [15, 15, 4],
    name: { en: 'LED Strip Lights RGB with App and Remote Control', de: 'LED Strip RGB mit App- und Fernbedienungssteuerung', fr: 'Ruban LED RGB avec application et télécommande', it: 'Striscia LED RGB con app e telecomando', es: 'Tira de luces LED RGB con app y mando a distancia', ja: 'LEDテープライト RGB アプリ・リモコン操作' },
    feature: { en: 'Music Sync, 16 Million Colors', de: 'Musiksynchronisation, 16 Mio. Farben', fr: 'synchronisation avec la musique, 16 millions de couleurs', it: 'sincronizzazione musicale, 16 milioni di colori', es: 'sincronización con la música, 16 millones de colores', ja: '音楽同期 1600万色' },
    variantKind: 'size', variants: [5, 10, 20], popularity: 7,
  },
  {
    code: 'KU', group: 'home', productType: 'KITCHEN', baseUsd: 25.99, weightGrams: 900, dimensionsCm: [35, 12, 10],
    name: { en: 'Silicone Kitchen Utensil Set, 12 Pieces with Wooden Handles', de: 'Silikon Küchenutensilien Set, 12-teilig mit Holzgriffen', fr: "Set d'ustensiles de cuisine en silicone, 12 pièces avec manches en bois", it: 'Set di utensili da cucina in silicone, 12 pezzi con manici in legno', es: 'Juego de utensilios de cocina de silicona, 12 piezas con mangos de madera', ja: 'シリコン キッチンツール 12点セット 木製ハンドル' },
    feature: { en: 'Heat Resistant up to 230°C, Safe for Non-Stick Cookware', de: 'hitzebeständig bis 230 °C, schonend für beschichtete Pfannen', fr: 'résistant à la chaleur jusqu’à 230 °C, sans danger pour les revêtements antiadhésifs', it: 'resistente al calore fino a 230 °C, sicuro per pentole antiaderenti', es: 'resistente al calor hasta 230 °C, aptos para sartenes antiadherentes', ja: '耐熱230℃ フッ素加工の鍋にも使える' },
    variantKind: 'color', variants: ['black', 'green', 'beige'], popularity: 6,
  },
  {
    code: 'SB', group: 'home', productType: 'STORAGE_BOX', baseUsd: 27.99, weightGrams: 1200, dimensionsCm: [33, 33, 5],
    name: { en: 'Collapsible Storage Bins with Lids, 3 Pack', de: 'Faltbare Aufbewahrungsboxen mit Deckel, 3er Set', fr: 'Boîtes de rangement pliables avec couvercle, lot de 3', it: 'Scatole portaoggetti pieghevoli con coperchio, set da 3', es: 'Cajas de almacenaje plegables con tapa, pack de 3', ja: '収納ボックス 蓋付き 折りたたみ 3個セット' },
    feature: { en: 'Fabric Organizer Cubes with Handles for Closet and Shelves', de: 'Stoff-Organizer mit Griffen für Schrank und Regal', fr: 'cubes de rangement en tissu avec poignées pour placard et étagères', it: 'cubi organizer in tessuto con maniglie per armadio e scaffali', es: 'organizadores de tela con asas para armario y estanterías', ja: '取っ手付き 布製 クローゼット・棚用' },
    variantKind: 'color', variants: ['beige', 'navy', 'black'], popularity: 5,
  },
  {
    code: 'PB', group: 'pets', productType: 'PET_SUPPLIES', baseUsd: 14.99, weightGrams: 180, dimensionsCm: [20, 11, 6],
    name: { en: 'Self Cleaning Slicker Brush for Dogs and Cats', de: 'Selbstreinigende Zupfbürste für Hunde und Katzen', fr: 'Brosse autonettoyante pour chiens et chats', it: 'Spazzola autopulente per cani e gatti', es: 'Cepillo autolimpiable para perros y gatos', ja: 'ペットブラシ 犬猫用 ワンタッチ毛取り' },
    feature: { en: 'Removes Loose Undercoat and Tangles', de: 'entfernt lose Unterwolle und Verfilzungen', fr: 'élimine le sous-poil et les nœuds', it: 'rimuove il sottopelo e i nodi', es: 'elimina el subpelo suelto y los enredos', ja: '抜け毛・毛玉をしっかり除去' },
    variantKind: 'color', variants: ['pink', 'blue', 'green'], popularity: 6,
  },
  {
    code: 'YM', group: 'sports', productType: 'EXERCISE_MAT', baseUsd: 32.99, weightGrams: 1100, dimensionsCm: [61, 15, 15],
    name: { en: 'Non Slip Yoga Mat 6mm, TPE Exercise Mat with Carrying Strap', de: 'Rutschfeste Yogamatte 6 mm, TPE Gymnastikmatte mit Tragegurt', fr: 'Tapis de yoga antidérapant 6 mm, tapis de sport en TPE avec sangle de transport', it: 'Tappetino yoga antiscivolo 6 mm, tappetino fitness in TPE con cinghia', es: 'Esterilla de yoga antideslizante 6 mm, esterilla de TPE con correa de transporte', ja: 'ヨガマット 6mm 滑り止め TPE素材 収納ストラップ付き' },
    feature: { en: '183 x 61 cm, Eco Friendly', de: '183 x 61 cm, umweltfreundlich', fr: '183 x 61 cm, écologique', it: '183 x 61 cm, ecologico', es: '183 x 61 cm, ecológica', ja: '183×61cm 環境にやさしい' },
    variantKind: 'color', variants: ['purple', 'blue', 'black'], popularity: 5,
  },
  {
    code: 'WB', group: 'sports', productType: 'BOTTLE', baseUsd: 21.99, weightGrams: 380, dimensionsCm: [27, 8, 8],
    name: { en: 'Insulated Stainless Steel Water Bottle 750ml', de: 'Isolierte Edelstahl Trinkflasche 750 ml', fr: 'Gourde isotherme en acier inoxydable 750 ml', it: 'Borraccia termica in acciaio inox 750 ml', es: 'Botella de agua térmica de acero inoxidable 750 ml', ja: 'ステンレス 水筒 750ml 真空断熱' },
    feature: { en: 'BPA Free, Keeps Drinks Cold 24h and Hot 12h', de: 'BPA-frei, hält Getränke 24 Std. kalt und 12 Std. heiß', fr: 'sans BPA, garde au frais 24 h et au chaud 12 h', it: 'senza BPA, mantiene le bevande fredde 24 ore e calde 12 ore', es: 'sin BPA, mantiene frío 24 h y caliente 12 h', ja: 'BPAフリー 保冷24時間・保温12時間' },
    variantKind: 'color', variants: ['black', 'white', 'green', 'pink'], popularity: 7,
  },
  {
    code: 'LT', group: 'electronics', productType: 'OFFICE_PRODUCTS', baseUsd: 29.99, weightGrams: 800, dimensionsCm: [28, 24, 5],
    name: { en: 'Adjustable Aluminum Laptop Stand for Desk', de: 'Höhenverstellbarer Laptop Ständer aus Aluminium', fr: 'Support ordinateur portable réglable en aluminium', it: 'Supporto per laptop regolabile in alluminio', es: 'Soporte para portátil ajustable de aluminio', ja: 'ノートパソコンスタンド アルミ製 高さ角度調整' },
    feature: { en: 'Ergonomic, Foldable, Fits 10–17 Inch Laptops', de: 'ergonomisch, faltbar, für Laptops von 10–17 Zoll', fr: 'ergonomique, pliable, pour ordinateurs de 10 à 17 pouces', it: 'ergonomico, pieghevole, per laptop da 10 a 17 pollici', es: 'ergonómico, plegable, para portátiles de 10 a 17 pulgadas', ja: '折りたたみ式 10～17インチ対応' },
    variantKind: 'color', variants: ['silver', 'black'], popularity: 4,
  },
  {
    code: 'BL', group: 'lights', productType: 'SPORTING_GOODS', baseUsd: 18.99, weightGrams: 160, dimensionsCm: [14, 8, 5],
    name: { en: 'USB Rechargeable Bike Light Set, Front and Rear', de: 'Fahrradlicht Set USB aufladbar, Vorder- und Rücklicht', fr: "Kit d'éclairage vélo rechargeable USB, avant et arrière", it: 'Set luci per bicicletta ricaricabili USB, anteriore e posteriore', es: 'Juego de luces para bicicleta recargables por USB, delantera y trasera', ja: '自転車ライト USB充電式 前後セット' },
    feature: { en: 'IPX5 Waterproof, 4 Light Modes', de: 'StVZO zugelassen, IPX5 wasserdicht, 4 Lichtmodi', fr: "étanche IPX5, 4 modes d'éclairage", it: 'impermeabile IPX5, 4 modalità di luce', es: 'impermeable IPX5, 4 modos de luz', ja: 'IPX5防水 4つの点灯モード' },
    variantKind: 'none', variants: ['std'], popularity: 4,
  },
  {
    code: 'MB', group: 'beauty', productType: 'BEAUTY', baseUsd: 16.99, weightGrams: 250, dimensionsCm: [20, 10, 5],
    name: { en: 'Makeup Brush Set, 14 Pieces Premium Synthetic Brushes', de: 'Make-up Pinsel Set, 14-teilig, hochwertige Synthetikpinsel', fr: 'Set de pinceaux de maquillage, 14 pièces, fibres synthétiques premium', it: 'Set di pennelli per trucco, 14 pezzi, setole sintetiche premium', es: 'Set de brochas de maquillaje, 14 piezas, cerdas sintéticas premium', ja: 'メイクブラシ 14本セット 高級合成毛' },
    feature: { en: 'with Travel Case', de: 'mit Reiseetui', fr: 'avec trousse de voyage', it: 'con custodia da viaggio', es: 'con estuche de viaje', ja: '収納ケース付き' },
    variantKind: 'color', variants: ['pink', 'black', 'roseGold'], popularity: 5,
  },
  {
    code: 'MF', group: 'home', productType: 'KITCHEN', baseUsd: 15.99, weightGrams: 200, dimensionsCm: [25, 6, 4],
    name: { en: 'Handheld Milk Frother, Rechargeable Electric Whisk', de: 'Milchaufschäumer elektrisch, wiederaufladbarer Stabquirl', fr: 'Mousseur à lait électrique rechargeable', it: 'Montalatte elettrico ricaricabile', es: 'Espumador de leche eléctrico recargable', ja: '電動ミルクフォーマー 充電式 ハンディ泡立て器' },
    feature: { en: '3 Speeds for Latte, Cappuccino and Matcha', de: '3 Stufen für Latte, Cappuccino und Matcha', fr: '3 vitesses pour latte, cappuccino et matcha', it: '3 velocità per latte macchiato, cappuccino e matcha', es: '3 velocidades para latte, capuchino y matcha', ja: '3段階速度 カフェラテ・カプチーノ・抹茶に' },
    variantKind: 'color', variants: ['black', 'white', 'silver'], popularity: 5,
  },
  {
    code: 'SP', group: 'electronics', productType: 'SMART_PLUG', baseUsd: 24.99, weightGrams: 300, dimensionsCm: [12, 10, 8],
    name: { en: 'Smart Plug WiFi with Energy Monitoring', de: 'WLAN Steckdose mit Strommessung', fr: 'Prise connectée WiFi avec suivi de consommation', it: 'Presa intelligente WiFi con monitoraggio dei consumi', es: 'Enchufe inteligente WiFi con medidor de consumo', ja: 'スマートプラグ WiFi 消費電力モニター付き' },
    feature: { en: 'Works with Alexa and Google Home, Timer Function', de: 'kompatibel mit Alexa und Google Home, Timerfunktion', fr: 'compatible Alexa et Google Home, fonction minuterie', it: 'compatibile con Alexa e Google Home, funzione timer', es: 'compatible con Alexa y Google Home, función de temporizador', ja: 'Alexa・Google Home対応 タイマー機能' },
    variantKind: 'pack', variants: [2, 4], popularity: 5,
  },
  {
    code: 'HF', group: 'home', productType: 'FAN', baseUsd: 19.99, weightGrams: 220, dimensionsCm: [18, 10, 6],
    name: { en: 'Portable Handheld Fan, USB Rechargeable Mini Fan', de: 'Tragbarer Handventilator, USB wiederaufladbarer Mini-Ventilator', fr: 'Ventilateur portable à main, mini ventilateur rechargeable USB', it: 'Ventilatore portatile a mano, mini ventilatore ricaricabile USB', es: 'Ventilador de mano portátil, mini ventilador recargable por USB', ja: 'ハンディファン 携帯扇風機 USB充電式' },
    feature: { en: '5000mAh, 5 Speeds, Foldable Desk Stand', de: '5000 mAh, 5 Stufen, faltbarer Tischständer', fr: '5000 mAh, 5 vitesses, support de bureau pliable', it: '5000 mAh, 5 velocità, supporto da tavolo pieghevole', es: '5000 mAh, 5 velocidades, soporte de escritorio plegable', ja: '5000mAh 5段階風量 卓上スタンド 折りたたみ' },
    variantKind: 'color', variants: ['white', 'pink', 'green'], popularity: 6,
  },
  {
    code: 'PC', group: 'electronics', productType: 'CELLULAR_PHONE_CASE', baseUsd: 13.99, weightGrams: 45, dimensionsCm: [17, 9, 2],
    name: { en: 'Shockproof Phone Case 6.1 Inch, Military Grade Drop Protection', de: 'Stoßfeste Handyhülle 6,1 Zoll, Fallschutz nach Militärstandard', fr: 'Coque de téléphone antichoc 6,1 pouces, protection anti-chute de qualité militaire', it: 'Cover antiurto per smartphone 6,1 pollici, protezione dalle cadute di grado militare', es: 'Funda antigolpes para móvil de 6,1 pulgadas, protección contra caídas de grado militar', ja: 'スマホケース 6.1インチ 耐衝撃 米軍MIL規格' },
    feature: { en: 'Slim Fit, Raised Camera Edges', de: 'schlank, erhöhter Kameraschutz', fr: "fine, bords surélevés pour l'appareil photo", it: 'sottile, bordi rialzati per la fotocamera', es: 'fina, bordes elevados para la cámara', ja: '薄型 カメラ保護' },
    variantKind: 'color', variants: ['black', 'blue', 'pink', 'clear'], popularity: 8,
  },
  {
    code: 'SG', group: 'electronics', productType: 'SCREEN_PROTECTOR', baseUsd: 9.99, weightGrams: 80, dimensionsCm: [18, 10, 1],
    name: { en: 'Tempered Glass Screen Protector 6.1 Inch', de: 'Panzerglas Schutzfolie 6,1 Zoll', fr: "Verre trempé protection d'écran 6,1 pouces", it: 'Pellicola protettiva in vetro temperato 6,1 pollici', es: 'Protector de pantalla de cristal templado 6,1 pulgadas', ja: 'ガラスフィルム 6.1インチ 強化ガラス' },
    feature: { en: '9H Hardness, Bubble Free, with Installation Frame', de: '9H Härte, blasenfrei, mit Montagerahmen', fr: "dureté 9H, sans bulles, avec cadre d'installation", it: 'durezza 9H, senza bolle, con telaio di installazione', es: 'dureza 9H, sin burbujas, con marco de instalación', ja: '硬度9H 気泡ゼロ ガイド枠付き' },
    variantKind: 'pack', variants: [2, 3], popularity: 7,
  },
  {
    code: 'BB', group: 'toys', productType: 'TOY_BUILDING_BLOCK', baseUsd: 34.99, weightGrams: 900, dimensionsCm: [30, 22, 7],
    name: { en: 'Classic Building Bricks Set for Kids, Creative Construction Toy', de: 'Klemmbausteine Set für Kinder, kreatives Konstruktionsspielzeug', fr: 'Coffret de briques de construction pour enfants, jouet créatif', it: 'Set di mattoncini da costruzione per bambini, gioco creativo', es: 'Set de bloques de construcción para niños, juguete creativo', ja: 'ブロック おもちゃ 知育玩具 子供向け クラシックセット' },
    feature: { en: 'Compatible with Major Brands, Ages 6+', de: 'kompatibel mit führenden Marken, ab 6 Jahren', fr: 'compatible avec les grandes marques, dès 6 ans', it: 'compatibile con le principali marche, dai 6 anni', es: 'compatible con las principales marcas, a partir de 6 años', ja: '主要ブランド互換 対象年齢6歳以上' },
    variantKind: 'pieces', variants: [500, 1000], popularity: 4,
  },
  {
    code: 'SC', group: 'home', productType: 'HOME_BED_AND_BATH', baseUsd: 23.99, weightGrams: 700, dimensionsCm: [30, 12, 8],
    name: { en: 'Adhesive Shower Caddy, 2 Tier Bathroom Shelf No Drilling', de: 'Duschregal ohne Bohren, 2 Etagen Badezimmerregal selbstklebend', fr: 'Étagère de douche adhésive sans perçage, 2 niveaux', it: 'Mensola doccia adesiva senza foratura, 2 ripiani', es: 'Estantería de ducha adhesiva sin taladro, 2 niveles', ja: 'シャワーラック 穴あけ不要 2段 浴室収納' },
    feature: { en: 'Rustproof Stainless Steel', de: 'rostfreier Edelstahl', fr: 'acier inoxydable antirouille', it: 'acciaio inox antiruggine', es: 'acero inoxidable antióxido', ja: '錆びにくいステンレス製' },
    variantKind: 'color', variants: ['black', 'white', 'silver'], popularity: 5,
  },
  {
    code: 'RB', group: 'sports', productType: 'SPORTING_GOODS', baseUsd: 17.99, weightGrams: 400, dimensionsCm: [20, 15, 6],
    name: { en: 'Resistance Bands Set with Door Anchor and Handles', de: 'Widerstandsbänder Set mit Türanker und Griffen', fr: 'Kit de bandes de résistance avec ancrage de porte et poignées', it: 'Set di fasce elastiche di resistenza con ancoraggio per porta e maniglie', es: 'Set de bandas elásticas de resistencia con anclaje para puerta y asas', ja: 'トレーニングチューブ セット ドアアンカー・ハンドル付き' },
    feature: { en: 'for Home Workouts and Physical Therapy', de: 'für Training zu Hause und Physiotherapie', fr: "pour l'entraînement à domicile et la rééducation", it: 'per allenamento a casa e fisioterapia', es: 'para entrenamiento en casa y fisioterapia', ja: '自宅トレーニング・リハビリに' },
    variantKind: 'pieces', variants: [5, 11], popularity: 4,
  },
  {
    code: 'ES', group: 'tools', productType: 'TOOLS', baseUsd: 39.99, weightGrams: 650, dimensionsCm: [22, 16, 6],
    name: { en: 'Cordless Electric Screwdriver 4V, USB Rechargeable', de: 'Akkuschrauber 4V, USB wiederaufladbar', fr: 'Tournevis électrique sans fil 4 V, rechargeable USB', it: 'Avvitatore elettrico a batteria 4V, ricaricabile USB', es: 'Destornillador eléctrico inalámbrico 4 V, recargable por USB', ja: '電動ドライバー 4V コードレス USB充電式' },
    feature: { en: 'with 32 Bits and LED Light', de: 'mit 32 Bits und LED-Licht', fr: 'avec 32 embouts et lampe LED', it: 'con 32 inserti e luce LED', es: 'con 32 puntas y luz LED', ja: 'ビット32本 LEDライト付き' },
    variantKind: 'none', variants: ['std'], popularity: 3,
  },
  {
    code: 'RL', group: 'lights', productType: 'CAMERA_ACCESSORY', baseUsd: 29.99, weightGrams: 1300, dimensionsCm: [30, 30, 8],
    name: { en: '10 Inch Ring Light with Tripod Stand and Phone Holder', de: '10 Zoll Ringlicht mit Stativ und Handyhalterung', fr: 'Anneau lumineux 10 pouces avec trépied et support de téléphone', it: 'Luce ad anello 10 pollici con treppiede e supporto per telefono', es: 'Aro de luz de 10 pulgadas con trípode y soporte para móvil', ja: 'リングライト 10インチ 三脚・スマホホルダー付き' },
    feature: { en: '3 Color Modes, 10 Brightness Levels', de: '3 Farbmodi, 10 Helligkeitsstufen', fr: '3 modes de couleur, 10 niveaux de luminosité', it: '3 modalità colore, 10 livelli di luminosità', es: '3 modos de color, 10 niveles de brillo', ja: '3色モード 10段階調光' },
    variantKind: 'none', variants: ['std'], popularity: 3,
  },
  {
    code: 'DO', group: 'home', productType: 'OFFICE_PRODUCTS', baseUsd: 19.99, weightGrams: 600, dimensionsCm: [25, 15, 12],
    name: { en: 'Desk Organizer with 5 Compartments and Drawer', de: 'Schreibtisch Organizer mit 5 Fächern und Schublade', fr: 'Organiseur de bureau avec 5 compartiments et tiroir', it: 'Organizer da scrivania con 5 scomparti e cassetto', es: 'Organizador de escritorio con 5 compartimentos y cajón', ja: 'デスクオーガナイザー 5区画 引き出し付き' },
    feature: { en: 'Pen Holder for Office and Home', de: 'Stiftehalter für Büro und Zuhause', fr: 'porte-stylos pour le bureau et la maison', it: 'portapenne per ufficio e casa', es: 'portalápices para oficina y hogar', ja: 'ペン立て オフィス・自宅用' },
    variantKind: 'color', variants: ['black', 'white', 'beige'], popularity: 4,
  },
];
