/**
 * Employee listening: the names shared by the server and the web app, and the question bank.
 */

export const SURVEY_KINDS = ['survey', 'pulse', 'checkin'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/**
 * How a survey treats who answered.
 * - anonymous: answers are stored with no link to a person; nobody can ever tell who wrote what.
 * - confidential: the link is stored, but results are only ever shown as aggregates above the threshold.
 * - attributed: answers carry the respondent's name for those who read results.
 */
export const ANONYMITY = ['anonymous', 'confidential', 'attributed'] as const;
export type Anonymity = (typeof ANONYMITY)[number];

export const RECURRENCES = ['none', 'weekly', 'biweekly', 'monthly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export const SURVEY_STATUSES = ['draft', 'scheduled', 'running', 'ended'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export const QUESTION_KINDS = ['scale5', 'scale10', 'single', 'multi', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Engagement drivers; `enps` is the 0–10 "would you recommend" question. */
export const DRIVERS = [
  'recognition',
  'growth',
  'management',
  'peers',
  'workload',
  'wellbeing',
  'alignment',
  'autonomy',
  'enps',
  'checkin',
] as const;
export type Driver = (typeof DRIVERS)[number];

export const FEEDBACK_RECIPIENTS = ['manager', 'hr', 'leadership'] as const;
export type FeedbackRecipient = (typeof FEEDBACK_RECIPIENTS)[number];

export const ACTION_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_SCOPES = ['company', 'department', 'team', 'line'] as const;
export type ActionScope = (typeof ACTION_SCOPES)[number];

/** Result dimensions: every stored answer sheet carries one (possibly generalised) value of each. */
export const DIMENSIONS = ['department', 'team', 'line', 'location'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const LISTENING_LIMITS = {
  /** The smallest group any result may describe; organisations may only set it higher. */
  minThreshold: 3,
  defaultThreshold: 5,
  maxThreshold: 100,
  questions: 60,
  questionText: 500,
  options: 20,
  optionText: 120,
  title: 160,
  intro: 4000,
  /** An open-text answer or comment. */
  comment: 4000,
  feedbackSubject: 160,
  feedbackMessage: 8000,
  actionTitle: 200,
  actionDescription: 8000,
} as const;

export interface BankQuestion {
  key: string;
  driver: Driver;
  kind: QuestionKind;
  en: string;
  it: string;
}

/** The question bank: engagement drivers in English and Italian, agreement scale unless stated. */
export const QUESTION_BANK: readonly BankQuestion[] = [
  {
    key: 'recognition.valued',
    driver: 'recognition',
    kind: 'scale5',
    en: 'I receive appropriate recognition when I do good work.',
    it: 'Ricevo il giusto riconoscimento quando lavoro bene.',
  },
  {
    key: 'recognition.thanks',
    driver: 'recognition',
    kind: 'scale5',
    en: 'People here say thank you for each other’s help.',
    it: 'Qui le persone si ringraziano per l’aiuto ricevuto.',
  },
  {
    key: 'recognition.fair',
    driver: 'recognition',
    kind: 'scale5',
    en: 'Contributions are recognised fairly, whoever makes them.',
    it: 'I contributi vengono riconosciuti in modo equo, da chiunque arrivino.',
  },
  {
    key: 'growth.learning',
    driver: 'growth',
    kind: 'scale5',
    en: 'I have good opportunities to learn and grow here.',
    it: 'Qui ho buone opportunità di imparare e crescere.',
  },
  {
    key: 'growth.career',
    driver: 'growth',
    kind: 'scale5',
    en: 'I can see a path for my career at this company.',
    it: 'Vedo un percorso di carriera per me in questa azienda.',
  },
  {
    key: 'growth.feedback',
    driver: 'growth',
    kind: 'scale5',
    en: 'I get feedback that helps me improve.',
    it: 'Ricevo feedback che mi aiutano a migliorare.',
  },
  {
    key: 'management.support',
    driver: 'management',
    kind: 'scale5',
    en: 'My manager supports me when I need help.',
    it: 'Il mio responsabile mi sostiene quando ho bisogno di aiuto.',
  },
  {
    key: 'management.care',
    driver: 'management',
    kind: 'scale5',
    en: 'My manager genuinely cares about my wellbeing.',
    it: 'Il mio responsabile tiene davvero al mio benessere.',
  },
  {
    key: 'management.listen',
    driver: 'management',
    kind: 'scale5',
    en: 'My manager acts on the feedback our team gives.',
    it: 'Il mio responsabile dà seguito ai feedback del team.',
  },
  {
    key: 'peers.trust',
    driver: 'peers',
    kind: 'scale5',
    en: 'I can count on my colleagues when things get difficult.',
    it: 'Posso contare sui colleghi quando le cose si fanno difficili.',
  },
  {
    key: 'peers.belonging',
    driver: 'peers',
    kind: 'scale5',
    en: 'I feel I belong in my team.',
    it: 'Mi sento parte del mio team.',
  },
  {
    key: 'peers.collaboration',
    driver: 'peers',
    kind: 'scale5',
    en: 'Teams here work well together.',
    it: 'Qui i team collaborano bene tra loro.',
  },
  {
    key: 'workload.manageable',
    driver: 'workload',
    kind: 'scale5',
    en: 'My workload is manageable.',
    it: 'Il mio carico di lavoro è sostenibile.',
  },
  {
    key: 'workload.time',
    driver: 'workload',
    kind: 'scale5',
    en: 'I have enough time to do my work well.',
    it: 'Ho abbastanza tempo per fare bene il mio lavoro.',
  },
  {
    key: 'workload.tools',
    driver: 'workload',
    kind: 'scale5',
    en: 'I have the tools and resources I need to do my job.',
    it: 'Ho gli strumenti e le risorse che mi servono per il mio lavoro.',
  },
  {
    key: 'wellbeing.balance',
    driver: 'wellbeing',
    kind: 'scale5',
    en: 'I can balance my work and my personal life.',
    it: 'Riesco a conciliare lavoro e vita privata.',
  },
  {
    key: 'wellbeing.stress',
    driver: 'wellbeing',
    kind: 'scale5',
    en: 'I rarely feel overwhelmed by stress at work.',
    it: 'Raramente mi sento sopraffatto dallo stress al lavoro.',
  },
  {
    key: 'wellbeing.speakup',
    driver: 'wellbeing',
    kind: 'scale5',
    en: 'I feel safe to speak up here without fear of negative consequences.',
    it: 'Qui mi sento libero di esprimermi senza temere conseguenze.',
  },
  {
    key: 'alignment.strategy',
    driver: 'alignment',
    kind: 'scale5',
    en: 'I understand where the company is heading.',
    it: 'Capisco dove sta andando l’azienda.',
  },
  {
    key: 'alignment.purpose',
    driver: 'alignment',
    kind: 'scale5',
    en: 'I see how my work contributes to the company’s goals.',
    it: 'Vedo come il mio lavoro contribuisce agli obiettivi dell’azienda.',
  },
  {
    key: 'alignment.customers',
    driver: 'alignment',
    kind: 'scale5',
    en: 'We put our customers’ needs at the centre of what we do.',
    it: 'Mettiamo le esigenze dei clienti al centro di ciò che facciamo.',
  },
  {
    key: 'autonomy.decide',
    driver: 'autonomy',
    kind: 'scale5',
    en: 'I have a say in how I do my work.',
    it: 'Ho voce in capitolo su come svolgo il mio lavoro.',
  },
  {
    key: 'autonomy.trust',
    driver: 'autonomy',
    kind: 'scale5',
    en: 'I am trusted to make decisions in my area.',
    it: 'Ho la fiducia necessaria per prendere decisioni nel mio ambito.',
  },
  {
    key: 'autonomy.flexibility',
    driver: 'autonomy',
    kind: 'scale5',
    en: 'I have enough flexibility in when and where I work.',
    it: 'Ho abbastanza flessibilità su quando e dove lavorare.',
  },
  {
    key: 'enps.recommend',
    driver: 'enps',
    kind: 'scale10',
    en: 'How likely are you to recommend this company as a place to work?',
    it: 'Quanto consiglieresti questa azienda come luogo di lavoro?',
  },
  {
    key: 'checkin.feeling',
    driver: 'checkin',
    kind: 'scale5',
    en: 'How are you doing this week?',
    it: 'Come stai questa settimana?',
  },
  {
    key: 'checkin.comment',
    driver: 'checkin',
    kind: 'text',
    en: 'Anything you would like to add? (optional)',
    it: 'Vuoi aggiungere qualcosa? (facoltativo)',
  },
];

export const BANK_BY_KEY: ReadonlyMap<string, BankQuestion> = new Map(QUESTION_BANK.map((q) => [q.key, q]));

/** The range of answers a scale question accepts. */
export function scaleRange(kind: QuestionKind): { min: number; max: number } | null {
  if (kind === 'scale5') {
    return { min: 1, max: 5 };
  }
  if (kind === 'scale10') {
    return { min: 0, max: 10 };
  }
  return null;
}

/** eNPS from 0–10 answers: % promoters (9–10) minus % detractors (0–6), rounded; null without answers. */
export function enps(distribution: ReadonlyArray<number>): number | null {
  const total = distribution.reduce((a, b) => a + b, 0);
  if (total === 0) {
    return null;
  }
  const detractors = distribution.slice(0, 7).reduce((a, b) => a + b, 0);
  const promoters = (distribution[9] ?? 0) + (distribution[10] ?? 0);
  return Math.round(((promoters - detractors) / total) * 100);
}
