import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ExplorePage } from './explore/ExplorePage';
import { createExploreStore } from './state/exploreStore';
import { StoreContext } from './state/storeContext';
import { readUrlState } from './state/urlState';
import './styles.css';

const store = createExploreStore(readUrlState(window.location.search));
const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false } },
});
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <StoreContext.Provider value={store}>
        <ExplorePage />
      </StoreContext.Provider>
    </QueryClientProvider>
  </StrictMode>,
);
