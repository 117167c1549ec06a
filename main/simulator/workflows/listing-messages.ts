import { MARKETPLACE_INFO } from '../marketplace-info';

/**
 * Issue texts in the locales a China-based seller's tools ask for. Amazon: "Localized messages default to en_US when
 * localization is not available for the specified locale"; without `issueLocale` the first marketplace's language is used.
 *
 * Codes 90220, 90000900, 99022 and 18448 (and their wording) come from the examples in Amazon's models; the others are
 * the simulator's own, in the same style, because Amazon publishes no catalogue of them.
 */
export const ISSUE_CODES = {
  required: '90220',
  invalidAttributes: '90000900',
  notEnoughValues: '99022',
  relevantAttributes: '18448',
  invalidValue: '4000001',
  productTypeMismatch: '4000003',
  skuNotFound: '4000004',
  asinNotFound: '4000005',
  messageSchema: '100001',
  duplicateMessage: '100002',
  feedInvalid: '100000',
} as const;

export type IssueKind = keyof typeof ISSUE_CODES;

/** Why a value is invalid (`invalidValue`), so that the reason is written in the issue's locale too. */
export type InvalidReason =
  | 'currency'
  | 'price'
  | 'priceDecimals'
  | 'quantity'
  | 'fbaQuantity'
  | 'channel'
  | 'condition'
  | 'emptyText'
  | 'tooLong'
  | 'asin'
  | 'patchPath'
  | 'needsValue';

export interface IssueText {
  kind: IssueKind;
  /** Attribute name or JSON path the text is about. */
  attribute?: string;
  /** The offending value, or free detail (a schema message) shown as given. */
  detail?: string;
  expected?: string;
  reason?: InvalidReason;
  limit?: number;
}

type Locale = 'en_US' | 'zh_CN' | 'ja_JP';
type Catalogue = Record<IssueKind, (t: IssueText) => string>;
type Reasons = Record<InvalidReason, (t: IssueText) => string>;

const EN_REASONS: Reasons = {
  currency: (t) => `${t.detail} is not the currency of this marketplace (${t.expected})`,
  price: (t) => `${t.detail} is not a price above zero`,
  priceDecimals: (t) => `${t.detail} has more than ${t.limit} decimal places for ${t.expected}`,
  quantity: (t) => `${t.detail} is not a whole number of 0 or more`,
  fbaQuantity: (t) => `the quantity of ${t.expected} inventory is managed by Amazon and cannot be set`,
  channel: (t) => `${t.detail} is not a fulfillment channel of this marketplace`,
  condition: (t) => `${t.detail} is not a valid condition`,
  emptyText: () => 'a non-empty value is required',
  tooLong: (t) => `${t.detail} characters is longer than the ${t.limit} allowed`,
  asin: (t) => `${t.detail} is not an ASIN`,
  patchPath: () => 'only /attributes/<attribute name> can be patched',
  needsValue: (t) => `the ${t.detail} operation needs a value`,
};

const ZH_REASONS: Reasons = {
  currency: (t) => `${t.detail} 不是该商城的货币（${t.expected}）`,
  price: (t) => `${t.detail} 不是大于零的价格`,
  priceDecimals: (t) => `${t.detail} 的小数位数超过了 ${t.expected} 允许的 ${t.limit} 位`,
  quantity: (t) => `${t.detail} 不是大于或等于 0 的整数`,
  fbaQuantity: (t) => `${t.expected} 库存的数量由亚马逊管理，无法设置`,
  channel: (t) => `${t.detail} 不是该商城的配送渠道`,
  condition: (t) => `${t.detail} 不是有效的商品状况`,
  emptyText: () => '需要提供非空值',
  tooLong: (t) => `${t.detail} 个字符超过了允许的 ${t.limit} 个字符`,
  asin: (t) => `${t.detail} 不是 ASIN`,
  patchPath: () => '只能修补 /attributes/<属性名称>',
  needsValue: (t) => `${t.detail} 操作需要提供值`,
};

const JA_REASONS: Reasons = {
  currency: (t) => `${t.detail}はこのマーケットプレイスの通貨（${t.expected}）ではありません`,
  price: (t) => `${t.detail}は0より大きい価格ではありません`,
  priceDecimals: (t) => `${t.detail}は${t.expected}で許可される小数点以下${t.limit}桁を超えています`,
  quantity: (t) => `${t.detail}は0以上の整数ではありません`,
  fbaQuantity: (t) => `${t.expected}在庫の数量はAmazonが管理しているため設定できません`,
  channel: (t) => `${t.detail}はこのマーケットプレイスのフルフィルメントチャネルではありません`,
  condition: (t) => `${t.detail}は有効なコンディションではありません`,
  emptyText: () => '空でない値が必要です',
  tooLong: (t) => `${t.detail}文字は許可されている${t.limit}文字を超えています`,
  asin: (t) => `${t.detail}はASINではありません`,
  patchPath: () => 'パッチを適用できるのは /attributes/<属性名> のみです',
  needsValue: (t) => `${t.detail}操作には値が必要です`,
};

const why = (reasons: Reasons, t: IssueText) => (t.reason ? reasons[t.reason](t) : (t.detail ?? ''));

const q = (s: string | undefined) => `'${s ?? ''}'`;

const EN: Catalogue = {
  required: (t) => `${q(t.attribute)} is required but not supplied.`,
  invalidAttributes: (t) => `The attributes are invalid.${t.attribute ? ` Attribute ${q(t.attribute)} must be a list of values.` : ''}`,
  notEnoughValues: (t) => `The field ${q(t.attribute)} does not have enough values. The required minimum is '1' value(s).`,
  relevantAttributes: (t) => `Attributes tagged as relevant_attributes are incomplete. Provide values for the following attribute(s): ${t.detail ?? ''}`,
  invalidValue: (t) => `The value provided for ${q(t.attribute)} is invalid: ${why(EN_REASONS, t)}.`,
  productTypeMismatch: (t) => `The product type ${q(t.detail)} does not match the product type of this item (${q(t.expected)}).`,
  skuNotFound: (t) => `The SKU ${q(t.detail)} does not exist in marketplace ${t.expected ?? ''}.`,
  asinNotFound: (t) => `No catalog item matches ${q(t.detail)}; provide merchant_suggested_asin or a product identifier of an existing ASIN.`,
  messageSchema: (t) => `The message does not conform to the JSON schema: ${t.detail ?? ''}`,
  duplicateMessage: (t) => `The messageId ${t.detail ?? ''} is used by more than one message in this feed.`,
  feedInvalid: (t) => `The feed document could not be processed: ${t.detail ?? ''}`,
};

const ZH: Catalogue = {
  required: (t) => `${q(t.attribute)} 为必填项，但未提供。`,
  invalidAttributes: (t) => `属性无效。${t.attribute ? `属性 ${q(t.attribute)} 必须是值的列表。` : ''}`,
  notEnoughValues: (t) => `字段 ${q(t.attribute)} 的值不足。最少需要 '1' 个值。`,
  relevantAttributes: (t) => `标记为 relevant_attributes 的属性不完整。请为以下属性提供值：${t.detail ?? ''}`,
  invalidValue: (t) => `为 ${q(t.attribute)} 提供的值无效：${why(ZH_REASONS, t)}。`,
  productTypeMismatch: (t) => `商品类型 ${q(t.detail)} 与该商品的商品类型（${q(t.expected)}）不一致。`,
  skuNotFound: (t) => `商城 ${t.expected ?? ''} 中不存在 SKU ${q(t.detail)}。`,
  asinNotFound: (t) => `没有与 ${q(t.detail)} 匹配的目录商品；请提供 merchant_suggested_asin 或现有 ASIN 的商品编码。`,
  messageSchema: (t) => `消息不符合 JSON 架构：${t.detail ?? ''}`,
  duplicateMessage: (t) => `此上传数据中有多条消息使用了 messageId ${t.detail ?? ''}。`,
  feedInvalid: (t) => `无法处理上传数据文件：${t.detail ?? ''}`,
};

const JA: Catalogue = {
  required: (t) => `${q(t.attribute)}は必須ですが、指定されていません。`,
  invalidAttributes: (t) => `属性が無効です。${t.attribute ? `属性${q(t.attribute)}は値のリストである必要があります。` : ''}`,
  notEnoughValues: (t) => `フィールド${q(t.attribute)}の値が不足しています。必要な最小数は'1'個です。`,
  relevantAttributes: (t) => `relevant_attributesとしてタグ付けされた属性が不完全です。次の属性の値を指定してください：${t.detail ?? ''}`,
  invalidValue: (t) => `${q(t.attribute)}に指定された値は無効です：${why(JA_REASONS, t)}。`,
  productTypeMismatch: (t) => `商品タイプ${q(t.detail)}はこの商品の商品タイプ（${q(t.expected)}）と一致しません。`,
  skuNotFound: (t) => `SKU ${q(t.detail)}はマーケットプレイス${t.expected ?? ''}に存在しません。`,
  asinNotFound: (t) => `${q(t.detail)}に一致するカタログ商品がありません。merchant_suggested_asinまたは既存ASINの商品コードを指定してください。`,
  messageSchema: (t) => `メッセージがJSONスキーマに準拠していません：${t.detail ?? ''}`,
  duplicateMessage: (t) => `このフィード内の複数のメッセージがmessageId ${t.detail ?? ''}を使用しています。`,
  feedInvalid: (t) => `フィードドキュメントを処理できませんでした：${t.detail ?? ''}`,
};

const CATALOGUES: Record<Locale, Catalogue> = { en_US: EN, zh_CN: ZH, ja_JP: JA };

/** Amazon's locale form is `ll_CC`; anything else is rejected by the API as invalid input. */
export const LOCALE_PATTERN = /^[a-z]{2}_[A-Z]{2}$/;

/** The locale issues are written in: the requested one if we have it, else the first marketplace's, else en_US. */
export function resolveLocale(issueLocale: string | undefined, marketplaceIds: readonly string[]): Locale {
  const wanted = issueLocale ?? MARKETPLACE_INFO[marketplaceIds[0] ?? '']?.language ?? 'en_US';
  return wanted in CATALOGUES ? (wanted as Locale) : 'en_US';
}

export function issueMessage(text: IssueText, locale: Locale): string {
  return CATALOGUES[locale][text.kind](text);
}

export type { Locale as IssueLocale };
