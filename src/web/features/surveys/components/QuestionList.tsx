import {
  Accordion,
  ActionIcon,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconBooks, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BANK_BY_KEY, LISTENING_LIMITS as L, QUESTION_KINDS, type Driver, type QuestionKind } from '../../../../shared/listening.js';
import { Empty } from '../../../components/States.js';
import { currentLanguage } from '../../../i18n/index.js';
import { bankByDriver, move, newKey, questionProblem, SCALE_DRIVERS, type EditorQuestion } from '../logic.js';

/** A question's wording in the interface language: the bank's for bank questions. */
export function useQuestionText() {
  const lang = currentLanguage();
  return (q: Pick<EditorQuestion, 'bankKey' | 'text'>) => {
    const bank = q.bankKey ? BANK_BY_KEY.get(q.bankKey) : undefined;
    return bank ? bank[lang] : q.text;
  };
}

/**
 * The questions of a survey: added from the bank (grouped by driver) or written from scratch, put in
 * order with the arrow buttons, marked optional or (in a pulse) part of the rotating pool.
 */
export function QuestionList({
  questions,
  onChange,
  pulse,
  locked,
}: {
  questions: EditorQuestion[];
  onChange: (questions: EditorQuestion[]) => void;
  pulse: boolean;
  locked: boolean;
}) {
  const { t } = useTranslation();
  const text = useQuestionText();
  const [bankOpen, setBankOpen] = useState(false);
  const [editing, setEditing] = useState<EditorQuestion | 'new' | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const full = questions.length >= L.questions;

  const update = (key: string, patch: Partial<EditorQuestion>) => onChange(questions.map((q) => (q.key === key ? { ...q, ...patch } : q)));
  const moveQuestion = (i: number, direction: -1 | 1) => {
    const next = move(questions, i, direction);
    onChange(next);
    setAnnouncement(t('surveys.questions.moved', { position: i + direction + 1, total: questions.length }));
    const id = `question-${questions[i]!.key}-${direction < 0 ? 'up' : 'down'}`;
    const other = `question-${questions[i]!.key}-${direction < 0 ? 'down' : 'up'}`;
    requestAnimationFrame(() => {
      const same = document.getElementById(id) as HTMLButtonElement | null;
      (same?.disabled ? document.getElementById(other) : same)?.focus();
    });
  };

  return (
    <Stack gap="sm">
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      {locked && (
        <Text size="sm" c="dimmed">
          {t('surveys.questions.locked')}
        </Text>
      )}
      {questions.length === 0 ? (
        <Empty
          icon={<IconBooks size={28} aria-hidden />}
          title={t('surveys.questions.emptyTitle')}
          description={t('surveys.questions.emptyBody')}
        />
      ) : (
        <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
          {questions.map((q, i) => {
            const problem = questionProblem(q);
            const wording = text(q);
            return (
              <Card key={q.key} component="li" padding="sm" radius="md" withBorder>
                <Stack gap={6}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                    <div style={{ minWidth: 0 }}>
                      <Group gap={6} mb={4}>
                        <Text size="sm" c="dimmed" fw={600}>
                          {i + 1}.
                        </Text>
                        <Badge variant="light" color="gray" size="sm">
                          {t(`surveys.questionKind.${q.kind}`)}
                        </Badge>
                        {q.driver && (
                          <Badge variant="light" size="sm">
                            {t(`surveys.driver.${q.driver}`)}
                          </Badge>
                        )}
                        {q.bankKey && (
                          <Badge variant="outline" color="gray" size="sm">
                            {t('surveys.questions.fromBank')}
                          </Badge>
                        )}
                      </Group>
                      <Text style={{ overflowWrap: 'anywhere' }}>{wording || t('surveys.questions.untitled')}</Text>
                      {q.options.length > 0 && (
                        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                          {q.options.join(' · ')}
                        </Text>
                      )}
                    </div>
                    {!locked && (
                      <Group gap={2} wrap="nowrap">
                        <Tooltip label={t('surveys.questions.up')}>
                          <ActionIcon
                            id={`question-${q.key}-up`}
                            variant="subtle"
                            color="gray"
                            size="lg"
                            disabled={i === 0}
                            aria-label={t('surveys.questions.upNamed', { n: i + 1 })}
                            onClick={() => moveQuestion(i, -1)}
                          >
                            <IconArrowUp size={18} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t('surveys.questions.down')}>
                          <ActionIcon
                            id={`question-${q.key}-down`}
                            variant="subtle"
                            color="gray"
                            size="lg"
                            disabled={i === questions.length - 1}
                            aria-label={t('surveys.questions.downNamed', { n: i + 1 })}
                            onClick={() => moveQuestion(i, 1)}
                          >
                            <IconArrowDown size={18} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                        {!q.bankKey && (
                          <Tooltip label={t('surveys.questions.edit')}>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              size="lg"
                              aria-label={t('surveys.questions.editNamed', { n: i + 1 })}
                              onClick={() => setEditing(q)}
                            >
                              <IconPencil size={18} aria-hidden />
                            </ActionIcon>
                          </Tooltip>
                        )}
                        <Tooltip label={t('surveys.questions.remove')}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            size="lg"
                            aria-label={t('surveys.questions.removeNamed', { n: i + 1 })}
                            onClick={() => {
                              onChange(questions.filter((x) => x.key !== q.key));
                              setAnnouncement(t('surveys.questions.removed', { n: i + 1 }));
                            }}
                          >
                            <IconTrash size={18} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    )}
                  </Group>
                  <Group gap="lg">
                    {q.kind === 'text' && (
                      <Switch
                        size="sm"
                        label={t('surveys.questions.required')}
                        checked={q.required}
                        disabled={locked}
                        onChange={(e) => update(q.key, { required: e.currentTarget.checked })}
                      />
                    )}
                    {pulse && (
                      <Switch
                        size="sm"
                        label={t('surveys.questions.pool')}
                        checked={q.pool}
                        disabled={locked}
                        onChange={(e) => update(q.key, { pool: e.currentTarget.checked })}
                      />
                    )}
                  </Group>
                  {problem && (
                    <Text size="sm" c="red">
                      {t(problem)}
                    </Text>
                  )}
                </Stack>
              </Card>
            );
          })}
        </Stack>
      )}
      {!locked && (
        <Group gap="sm">
          <Button variant="light" leftSection={<IconBooks size={18} aria-hidden />} onClick={() => setBankOpen(true)} disabled={full}>
            {t('surveys.questions.addBank')}
          </Button>
          <Button variant="default" leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing('new')} disabled={full}>
            {t('surveys.questions.addCustom')}
          </Button>
          {full && (
            <Text size="sm" c="dimmed">
              {t('surveys.questions.full', { max: L.questions })}
            </Text>
          )}
        </Group>
      )}
      <BankDialog
        opened={bankOpen}
        onClose={() => setBankOpen(false)}
        taken={questions}
        room={L.questions - questions.length}
        onAdd={(keys) => {
          onChange([
            ...questions,
            ...keys.map((k) => {
              const b = BANK_BY_KEY.get(k)!;
              return {
                key: newKey(),
                bankKey: k,
                kind: b.kind,
                text: '',
                options: [],
                driver: b.driver,
                required: b.kind !== 'text',
                pool: false,
              };
            }),
          ]);
          setAnnouncement(t('surveys.questions.added', { count: keys.length }));
          setBankOpen(false);
        }}
      />
      <CustomDialog
        editing={editing}
        onClose={() => setEditing(null)}
        onSave={(q) => {
          if (editing === 'new') {
            onChange([...questions, q]);
            setAnnouncement(t('surveys.questions.added', { count: 1 }));
          } else {
            onChange(questions.map((x) => (x.key === q.key ? q : x)));
          }
          setEditing(null);
        }}
      />
    </Stack>
  );
}

/** The question bank by driver, in the interface language; ticking questions adds them at the end. */
function BankDialog({
  opened,
  onClose,
  taken,
  room,
  onAdd,
}: {
  opened: boolean;
  onClose: () => void;
  taken: readonly EditorQuestion[];
  room: number;
  onAdd: (keys: string[]) => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [picked, setPicked] = useState<string[]>([]);
  const groups = useMemo(() => bankByDriver(new Set(taken.flatMap((q) => (q.bankKey ? [q.bankKey] : [])))), [taken]);
  const close = () => {
    setPicked([]);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={<Text fw={700}>{t('surveys.bank.title')}</Text>} size="lg">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('surveys.bank.intro')}
        </Text>
        {groups.length === 0 ? (
          <Text size="sm">{t('surveys.bank.allTaken')}</Text>
        ) : (
          <Checkbox.Group value={picked} onChange={setPicked}>
            <Accordion multiple variant="separated" defaultValue={groups.slice(0, 1).map((g) => g.driver)}>
              {groups.map((g) => (
                <Accordion.Item key={g.driver} value={g.driver}>
                  <Accordion.Control>
                    <Group gap="xs">
                      <Text fw={600}>{t(`surveys.driver.${g.driver}`)}</Text>
                      <Text size="sm" c="dimmed">
                        {t('surveys.bank.count', { count: g.questions.length })}
                      </Text>
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <Stack gap="sm">
                      {g.questions.map((q) => (
                        <Checkbox
                          key={q.key}
                          value={q.key}
                          label={q[lang]}
                          description={t(`surveys.questionKind.${q.kind}`)}
                          disabled={!picked.includes(q.key) && picked.length >= room}
                        />
                      ))}
                    </Stack>
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          </Checkbox.Group>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={picked.length === 0}
            onClick={() => {
              onAdd(picked);
              setPicked([]);
            }}
          >
            {t('surveys.bank.add', { count: picked.length })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const CHOICE: ReadonlySet<QuestionKind> = new Set(['single', 'multi']);

/** Writing (or changing) a custom question: its type, wording, choices and the driver it counts towards. */
function CustomDialog({
  editing,
  onClose,
  onSave,
}: {
  editing: EditorQuestion | 'new' | null;
  onClose: () => void;
  onSave: (q: EditorQuestion) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      title={<Text fw={700}>{t(editing === 'new' ? 'surveys.custom.addTitle' : 'surveys.custom.editTitle')}</Text>}
      size="lg"
    >
      {editing !== null && (
        <CustomForm key={editing === 'new' ? 'new' : editing.key} initial={editing} onCancel={onClose} onSave={onSave} />
      )}
    </Modal>
  );
}

function CustomForm({
  initial,
  onCancel,
  onSave,
}: {
  initial: EditorQuestion | 'new';
  onCancel: () => void;
  onSave: (q: EditorQuestion) => void;
}) {
  const { t } = useTranslation();
  const start: EditorQuestion =
    initial === 'new'
      ? { key: newKey(), bankKey: null, kind: 'scale5', text: '', options: [], driver: null, required: true, pool: false }
      : initial;
  const [q, setQ] = useState(start);
  const [optionsText, setOptionsText] = useState(start.options.join('\n'));
  const [tried, setTried] = useState(false);
  const options = optionsText
    .split('\n')
    .map((o) => o.trim())
    .filter(Boolean);
  const candidate: EditorQuestion = { ...q, options: CHOICE.has(q.kind) ? options : [] };
  const problem = questionProblem(candidate);
  const drivers: Driver[] = q.kind === 'scale5' ? [...SCALE_DRIVERS] : q.kind === 'scale10' ? ['enps'] : [];

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!problem && options.every((o) => o.length <= L.optionText) && options.length <= L.options) {
          onSave(candidate);
        }
      }}
    >
      <Stack gap="md">
        <Select
          label={t('surveys.custom.kind')}
          data={QUESTION_KINDS.map((k) => ({ value: k, label: t(`surveys.questionKind.${k}`) }))}
          value={q.kind}
          allowDeselect={false}
          onChange={(v) => {
            const kind = v ?? 'scale5';
            setQ({ ...q, kind, driver: null, required: kind !== 'text' });
          }}
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea
          label={t('surveys.custom.text')}
          required
          autosize
          minRows={2}
          maxLength={L.questionText}
          value={q.text}
          onChange={(e) => setQ({ ...q, text: e.currentTarget.value })}
          error={tried && problem === 'surveys.editor.problem.text' ? t(problem) : undefined}
        />
        {CHOICE.has(q.kind) && (
          <Textarea
            label={t('surveys.custom.options')}
            description={t('surveys.custom.optionsHelp', { max: L.options })}
            autosize
            minRows={3}
            value={optionsText}
            onChange={(e) => setOptionsText(e.currentTarget.value)}
            error={
              tried && (problem === 'surveys.editor.problem.options' || problem === 'surveys.editor.problem.duplicate')
                ? t(problem)
                : tried && options.length > L.options
                  ? t('surveys.custom.tooManyOptions', { max: L.options })
                  : tried && options.some((o) => o.length > L.optionText)
                    ? t('surveys.custom.optionTooLong', { max: L.optionText })
                    : undefined
            }
          />
        )}
        {drivers.length > 0 && (
          <Select
            label={t('surveys.custom.driver')}
            description={t('surveys.custom.driverHelp')}
            placeholder={t('surveys.custom.noDriver')}
            clearable
            data={drivers.map((d) => ({ value: d, label: t(`surveys.driver.${d}`) }))}
            value={q.driver}
            onChange={(v) => setQ({ ...q, driver: v ?? null })}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit">{t('surveys.custom.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
