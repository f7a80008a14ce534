import { MapView } from '../map/MapView.tsx';
import { view } from '../state/store.ts';
import { ComparePanel } from './ComparePanel.tsx';
import { Header } from './Header.tsx';
import { Legend } from './Legend.tsx';
import { RankTable } from './RankTable.tsx';
import { Scatter } from './Scatter.tsx';
import { ShortlistPanel } from './ShortlistPanel.tsx';
import { SpacePanel } from './SpacePanel.tsx';
import { StatusLine } from './StatusLine.tsx';
import { SyntheticBanner } from './SyntheticBanner.tsx';
import { Tabs } from './Tabs.tsx';
import { TerritorySheet } from './TerritorySheet.tsx';
import { WeightsPanel } from './WeightsPanel.tsx';

const PANELS = {
  weights: WeightsPanel,
  ranking: RankTable,
  scatter: Scatter,
  compare: ComparePanel,
  shortlist: ShortlistPanel,
  space: SpacePanel,
};

/**
 * The analysts' workspace: the map with its legend on the left; on the right, tabbed panels, where
 * a territory's sheet opens over the current panel (so the map stays visible at 1280 × 720).
 */
export function App() {
  const Panel = PANELS[view.value.panel];
  return (
    <div class="layout">
      <a class="skip" href="#side-panel">
        Aller aux panneaux
      </a>
      <Header />
      <SyntheticBanner />
      <main class="work">
        <div class="map-wrap">
          <MapView />
          <Legend />
        </div>
        <aside class="side" aria-label="Panneaux d'analyse">
          <Tabs />
          <div
            class="tabpanel"
            id="side-panel"
            role="tabpanel"
            aria-labelledby={`tab-${view.value.panel}`}
            tabIndex={-1}
          >
            {view.value.sheet && view.value.selection.length > 0 ? <TerritorySheet /> : <Panel />}
          </div>
        </aside>
      </main>
      <StatusLine />
    </div>
  );
}
