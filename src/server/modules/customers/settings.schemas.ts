import { Type, type Static } from 'typebox';
import { Id, Nullable } from '../../platform/http.js';
import { CUSTOMER_LIMITS, FEEDBACK_KINDS } from '../../../shared/customers.js';

/** Customer settings and embeddable forms: the API contract. Ranges match the database's checks. */

export const Settings = Type.Object({
  /** NPS answers up to this open a follow-up. */
  detractorMax: Type.Integer({ minimum: 0, maximum: 8 }),
  /** CSAT answers up to this open a follow-up. */
  csatDetractorMax: Type.Integer({ minimum: 1, maximum: 3 }),
  /** Days a follow-up is due in. */
  followupDays: Type.Integer({ minimum: 1, maximum: 60 }),
  /** Days a feedback request's link stays valid. */
  requestDays: Type.Integer({ minimum: 1, maximum: 180 }),
  /** Months of customer answers pooled for the employee–customer link. */
  windowMonths: Type.Integer({ minimum: 1, maximum: 24 }),
});
export type Settings = Static<typeof Settings>;

/** Any of the settings; those left out keep their value. */
export const SettingsPut = Type.Partial(Settings, { additionalProperties: false });
export type SettingsPut = Static<typeof SettingsPut>;

const Ref = Type.Object({ id: Id, name: Type.String() });

export const FormItem = Type.Object({
  id: Id,
  name: Type.String(),
  kind: Type.Enum(FEEDBACK_KINDS),
  team: Nullable(Ref),
  active: Type.Boolean(),
  /** The form's public address. */
  url: Type.String(),
  /** HTML to paste into the company's site. */
  snippet: Type.String(),
});
export type FormItem = Static<typeof FormItem>;

export const FormList = Type.Object({ items: Type.Array(FormItem) });

export const NewForm = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: CUSTOMER_LIMITS.name }),
    kind: Type.Enum(FEEDBACK_KINDS),
    /** The team the form's answers belong to. */
    teamId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export type NewForm = Static<typeof NewForm>;

export const FormPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: CUSTOMER_LIMITS.name })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type FormPatch = Static<typeof FormPatch>;
