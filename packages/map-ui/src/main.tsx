import { effect } from '@preact/signals';
import { render } from 'preact';
import { api, readToken } from './api/http.ts';
import { App } from './app/App.tsx';
import { encodeView } from './lib/url/urlState.ts';
import { loadVintage } from './state/scoring.ts';
import { me, setView, showError, type VintageListItem, view, vintages } from './state/store.ts';
import './styles.css';

// The URL follows the view (replaceState: a slider drag must not flood the history).
effect(() => {
  const query = encodeView(view.value);
  const url = `${location.pathname}${query ? `?${query}` : ''}`;
  if (url !== `${location.pathname}${location.search}`) history.replaceState(null, '', url);
});

// Reload the vintage when the view names another one.
let loaded = '';
effect(() => {
  const id = view.value.vintage;
  if (id && id !== loaded) {
    loaded = id;
    void loadVintage(id);
  }
});

async function boot(): Promise<void> {
  if (readToken()) {
    me.value = await api<{ role: string; name: string }>('/api/me').catch(() => null);
  }
  try {
    vintages.value = await api<VintageListItem[]>('/api/vintages');
  } catch (error) {
    showError(error);
    return;
  }
  if (!view.value.vintage || !vintages.value.some((x) => x.id === view.value.vintage)) {
    if (vintages.value[0]) setView({ vintage: vintages.value[0].id });
    else
      showError({
        code: 'NO_VINTAGE',
        message: 'Aucun millésime de données : lancez « pnpm ptce data build ».',
      });
  }
}

render(<App />, document.getElementById('app')!);
void boot();
