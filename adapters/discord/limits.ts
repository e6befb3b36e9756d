/**
 * Discord's size limits (see shared/platform-limits.md), and a checker that names every limit
 * a payload breaks. Lengths are UTF-16 units, which is never less than what Discord counts.
 */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** All embeds of one message together. */
  embedTotal: 6000,
  /** Longest URL we put in an embed (Discord refuses longer ones). */
  url: 2048,
  customId: 100,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  selectOptions: 25,
  selectLabel: 100,
  selectDescription: 100,
  selectPlaceholder: 150,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Room kept free under the 6000 characters all embeds of a message may hold. */
const EMBED_TOTAL_MARGIN = 50;

/** Each of `count` embeds' share of the message's embed characters. */
export function embedShare(count: number): number {
  return Math.floor((LIMITS.embedTotal - EMBED_TOTAL_MARGIN) / Math.max(1, count));
}

/** The slice of an embed the limits concern (a discord-api-types `APIEmbed` fits). */
interface EmbedLike {
  title?: string;
  description?: string;
  url?: string;
  footer?: { text: string };
  author?: { name: string };
  fields?: Array<{ name: string; value: string }>;
}

interface ComponentLike {
  type: number;
  custom_id?: string;
  label?: string;
  placeholder?: string;
  options?: Array<{ label: string; value: string; description?: string }>;
  components?: ComponentLike[];
}

/** The slice of a message payload the limits concern. */
export interface PayloadLike {
  content?: string;
  embeds?: EmbedLike[];
  components?: ComponentLike[];
  allowed_mentions?: { parse?: string[] };
}

/** Total characters of an embed as Discord counts them toward the 6000 of a message. */
export function embedLength(embed: EmbedLike): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/** Every limit the payload breaks, as readable sentences; empty when it is fine to send. */
export function limitProblems(payload: PayloadLike): string[] {
  const problems: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what} is ${length} long (max ${max})`);
  };
  const empty = (what: string, text: string | undefined) => {
    if (text !== undefined && text.trim() === '') problems.push(`${what} is empty`);
  };
  if (payload.allowed_mentions?.parse?.length !== 0) problems.push('allowed_mentions parses');
  over('content', payload.content?.length ?? 0, LIMITS.content);
  const embeds = payload.embeds ?? [];
  if (payload.content === undefined && embeds.length === 0) problems.push('message is empty');
  over('embed count', embeds.length, LIMITS.embeds);
  let total = 0;
  embeds.forEach((embed, i) => {
    over(`embed ${i} title`, embed.title?.length ?? 0, LIMITS.embedTitle);
    over(`embed ${i} description`, embed.description?.length ?? 0, LIMITS.embedDescription);
    over(`embed ${i} footer`, embed.footer?.text.length ?? 0, LIMITS.footer);
    over(`embed ${i} author`, embed.author?.name.length ?? 0, LIMITS.author);
    over(`embed ${i} url`, embed.url?.length ?? 0, LIMITS.url);
    empty(`embed ${i} title`, embed.title);
    empty(`embed ${i} description`, embed.description);
    empty(`embed ${i} footer`, embed.footer?.text);
    empty(`embed ${i} author`, embed.author?.name);
    if (embed.url !== undefined && !/^https?:\/\/\S+$/.test(embed.url)) {
      problems.push(`embed ${i} url is not an http(s) URL`);
    }
    const fields = embed.fields ?? [];
    over(`embed ${i} field count`, fields.length, LIMITS.embedFields);
    fields.forEach((field, j) => {
      over(`embed ${i} field ${j} name`, field.name.length, LIMITS.fieldName);
      over(`embed ${i} field ${j} value`, field.value.length, LIMITS.fieldValue);
      empty(`embed ${i} field ${j} name`, field.name);
      empty(`embed ${i} field ${j} value`, field.value);
    });
    total += embedLength(embed);
  });
  over('embeds together', total, LIMITS.embedTotal);
  const rows = payload.components ?? [];
  over('row count', rows.length, LIMITS.rows);
  const ids = new Set<string>();
  rows.forEach((row, r) => {
    const items = row.components ?? [];
    if (items.length === 0) problems.push(`row ${r} is empty`);
    const isSelect = items.some((c) => c.type !== 2);
    over(`row ${r} size`, items.length, isSelect ? 1 : LIMITS.buttonsPerRow);
    for (const item of items) {
      if (item.custom_id !== undefined) {
        over(`custom_id ${item.custom_id}`, item.custom_id.length, LIMITS.customId);
        if (item.custom_id === '') problems.push(`row ${r} has an empty custom_id`);
        if (ids.has(item.custom_id)) problems.push(`custom_id ${item.custom_id} is repeated`);
        ids.add(item.custom_id);
      }
      over(`row ${r} label`, item.label?.length ?? 0, LIMITS.buttonLabel);
      over(`row ${r} placeholder`, item.placeholder?.length ?? 0, LIMITS.selectPlaceholder);
      const options = item.options ?? [];
      if (item.options !== undefined) {
        over(`row ${r} option count`, options.length, LIMITS.selectOptions);
        if (options.length === 0) problems.push(`row ${r} select has no options`);
      }
      for (const option of options) {
        over(`row ${r} option label`, option.label.length, LIMITS.selectLabel);
        over(`row ${r} option value`, option.value.length, LIMITS.selectLabel);
        over(
          `row ${r} option description`,
          option.description?.length ?? 0,
          LIMITS.selectDescription,
        );
        empty(`row ${r} option label`, option.label);
      }
    }
  });
  return problems;
}

/** Every limit an autocomplete answer breaks. */
export function choiceProblems(choices: ReadonlyArray<{ name: string; value: string }>): string[] {
  const problems: string[] = [];
  if (choices.length > LIMITS.choices) problems.push(`${choices.length} choices (max 25)`);
  for (const choice of choices) {
    if (choice.name.trim() === '' || choice.name.length > LIMITS.choiceName) {
      problems.push(`choice name of length ${choice.name.length}`);
    }
    if (choice.value === '' || choice.value.length > LIMITS.choiceValue) {
      problems.push(`choice value of length ${choice.value.length}`);
    }
  }
  return problems;
}
