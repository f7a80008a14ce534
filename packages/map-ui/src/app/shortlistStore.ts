import { signal } from '@preact/signals';
import { api } from '../api/http.ts';
import { meta, notice, scoreConfig, scores, showError, view } from '../state/store.ts';

export interface ShortlistItem {
  code: string;
  name: string;
  kind: 'territory' | 'zone';
  members?: string[];
  rank: number;
  note: string;
}

export interface ShortlistDraft {
  id: string | null;
  title: string;
  status: 'new' | 'draft' | 'published';
  /** The level of its territories (a list is about one level; zones are groups of communes). */
  level: string | null;
  items: ShortlistItem[];
}

export const shortlist = signal<ShortlistDraft>({
  id: null,
  title: 'Liste restreinte PTCE',
  status: 'new',
  level: null,
  items: [],
});

/** A list holds territories of one level: refuse (and say why) an item from another level. */
function sameLevel(level: string): boolean {
  const current = shortlist.value.level;
  if (current === null || current === level || shortlist.value.items.length === 0) return true;
  notice.value = {
    kind: 'error',
    text: `La liste restreinte porte sur l'échelon « ${current} » : revenez à cet échelon ou retirez ses territoires avant d'en ajouter d'un autre échelon.`,
  };
  return false;
}

function update(patch: Partial<ShortlistDraft>): void {
  shortlist.value = { ...shortlist.value, ...patch };
}

export function addToShortlist(code: string, name: string, rank: number): void {
  const level = scores.value?.level.id ?? 'commune';
  if (!sameLevel(level)) return;
  const items = shortlist.value.items;
  if (items.some((x) => x.code === code)) {
    notice.value = { kind: 'info', text: `${name} est déjà dans la liste restreinte.` };
    return;
  }
  update({
    level,
    items: [...items, { code, name, kind: 'territory', rank: Number.isFinite(rank) ? rank : 0, note: '' }],
  });
  notice.value = { kind: 'info', text: `${name} ajouté à la liste restreinte (${items.length + 1}).` };
}

/** Adds a candidate zone (a group of communes) to the list. */
export function addZoneToShortlist(zone: { rank: number; members: string[]; names: string[] }): void {
  if (!sameLevel('commune')) return;
  const code = `zone-${zone.members[0]}`;
  if (shortlist.value.items.some((x) => x.code === code)) return;
  const name = `Zone ${zone.rank} : ${zone.names.slice(0, 3).join(', ')}${zone.names.length > 3 ? ` et ${zone.names.length - 3} autres` : ''}`;
  update({
    level: 'commune',
    items: [
      ...shortlist.value.items,
      { code, name, kind: 'zone', members: zone.members, rank: zone.rank, note: '' },
    ],
  });
  notice.value = { kind: 'info', text: `${name} ajoutée à la liste restreinte.` };
}

/** Moves item `index` by `delta` places (the order is the cabinet's order of preference). */
export function moveItem(index: number, delta: number): void {
  const items = [...shortlist.value.items];
  const j = index + delta;
  if (j < 0 || j >= items.length) return;
  [items[index], items[j]] = [items[j]!, items[index]!];
  update({ items });
}

export function removeItem(index: number): void {
  update({ items: shortlist.value.items.filter((_, i) => i !== index) });
}

export function setNote(index: number, note: string): void {
  update({ items: shortlist.value.items.map((x, i) => (i === index ? { ...x, note } : x)) });
}

export function setTitle(title: string): void {
  update({ title });
}

/** Saves the draft through the API (creates it the first time, then updates it). */
export async function saveShortlist(): Promise<void> {
  const s = scores.value;
  const m = meta.value;
  if (!s || !m) return;
  const d = shortlist.value;
  if (d.level && d.level !== s.level.id) {
    // The list is saved with the configuration and result it was built from.
    notice.value = {
      kind: 'error',
      text: `Revenez à l'échelon « ${d.level} » pour enregistrer cette liste : elle est enregistrée avec le calcul dont elle vient.`,
    };
    return;
  }
  const body = {
    title: d.title.trim() || 'Liste restreinte PTCE',
    vintageId: s.vintageId,
    config: scoreConfig(view.value, m),
    resultHash: s.hash,
    level: s.level.id,
    items: d.items.map((x, i) => ({ ...x, rank: i + 1, note: x.note })),
  };
  try {
    const saved = d.id
      ? await api<{ id: string; status?: string }>(`/api/shortlists/${d.id}`, { method: 'PUT', body })
      : await api<{ id: string; status?: string }>('/api/shortlists', { method: 'POST', body });
    update({ id: saved.id, status: saved.status === 'published' ? 'published' : 'draft' });
    notice.value = {
      kind: 'info',
      text: `Liste restreinte enregistrée comme brouillon (identifiant ${saved.id.slice(0, 8)}).`,
    };
  } catch (error) {
    showError(error);
  }
}

/** Downloads the saved list as CSV (with the token, hence through fetch rather than a plain link). */
export async function exportShortlistCsv(): Promise<void> {
  const id = shortlist.value.id;
  if (!id) return;
  const token = localStorage.getItem('ptce.token');
  const response = await fetch(`/api/shortlists/${id}/export.csv`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) {
    showError({ code: `HTTP_${response.status}`, message: "L'export CSV a échoué." });
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `liste-restreinte-${id}.csv`;
  a.click();
  URL.revokeObjectURL(url);
}
