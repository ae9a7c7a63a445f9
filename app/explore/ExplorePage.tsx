import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { Language, QueryProgress } from '../../model';
import { ApiRequestError } from '../api/client';
import {
  datasourcesQuery,
  facetsQuery,
  histogramQuery,
  logsQuery,
  targetsQuery,
} from '../api/queries';
import {
  languageFor,
  selectAlso,
  selectColumns,
  selectFrom,
  selectLanguage,
  selectLinkedId,
  selectQueryText,
  selectSelectedId,
  selectSentQuery,
  selectSubmitted,
  selectTail,
  selectTarget,
  selectTo,
  EMPTY_SUBMITTED as emptySubmitted,
  type SubmittedQuery,
} from '../state/exploreStore';
import { StoreContext, useExplore } from '../state/storeContext';
import { useUrlSync } from '../state/useUrlSync';
import { testIds } from '../testIds';
import { addFilterIn } from './facetQuery';
import { highlightFor } from './highlights';
import { FacetsPanel } from './facets/FacetsPanel';
import { useElementWidth } from '../ui/useElementWidth';
import { Histogram } from './histogram/Histogram';
import { AnswerStats } from './AnswerStats';
import { DownloadMenu } from './download/DownloadMenu';
import { IndexPicker } from './IndexPicker';
import { LineLimitPicker } from './LineLimitPicker';
import { LogGroupPicker } from './LogGroupPicker';
import { SourceErrors, sourceStatuses } from './sources/SourceErrors';
import { SourcesPicker } from './sources/SourcesPicker';
import { SplitButton } from './SplitButton';
import { PanelEditBanner } from './save/PanelEditBanner';
import { SavedActions } from './save/SavedActions';
import { ExploreOverlays, OverlayButtons } from './shortcuts/ExploreOverlays';
import { StatsTable } from './StatsTable';
import { LogDetails } from './LogDetails';
import { LogList } from './logs/LogList';
import { QueryBar } from './QueryBar';
import { QueryInspector } from './QueryInspector';
import { TimeRangePicker } from './TimeRangePicker';
import { TailBar } from './tail/TailBar';
import { useTail } from './tail/useTail';
import { useEditorCompletions } from './useEditorCompletions';

/** LogQL metric queries draw only a graph; every other query lists lines. */
const isLogQuery = (q: SubmittedQuery): boolean => q.language !== 'logql' || /^\s*\{/.test(q.query);

export function ExplorePage() {
  useUrlSync();
  const query = useExplore(selectQueryText);
  const language = useExplore(selectLanguage);
  const submitted = useExplore(selectSubmitted);
  const from = useExplore(selectFrom);
  const to = useExplore(selectTo);
  const tail = useExplore(selectTail);
  const selectedId = useExplore(selectSelectedId);
  const shownColumns = useExplore(selectColumns);
  const linkedId = useExplore(selectLinkedId);
  const datasource = useExplore((s) => s.datasource);
  const also = useExplore(selectAlso);
  const limit = useExplore((s) => s.limit);
  const actions = useExplore((s) => s);

  const store = useContext(StoreContext);
  const completions = useEditorCompletions();
  const rootRef = useRef<HTMLDivElement>(null);
  // Whether a live tail's list is at its bottom, following new lines; false once scrolled up.
  const [following, setFollowing] = useState(true);
  const [inspecting, setInspecting] = useState(false);
  const closeInspector = useCallback(() => setInspecting(false), []);
  const datasources = useQuery(datasourcesQuery());
  const target = useExplore(selectTarget);
  const manyTargets =
    datasources.data?.find((d) => d.id === datasource)?.capabilities.manyTargets ?? false;
  const targets = useQuery({
    ...targetsQuery(datasource),
    enabled: datasource !== '' && !manyTargets,
  });
  useEffect(() => {
    const list = datasources.data;
    const s = store?.getState();
    if (!list?.length || !s) return;
    // The URL's datasource and language when they exist, else the first datasource's.
    const ds = list.find((d) => d.id === s.datasource) ?? list[0];
    const many = ds?.capabilities.manyTargets ?? false;
    if (
      ds &&
      (ds.id !== s.datasource ||
        languageFor(ds.languages, s.language) !== s.language ||
        many !== s.manyTargets)
    ) {
      s.setDatasource(ds.id, ds.languages, many);
    }
    if (!s.submitted) s.runQuery();
  }, [datasources.data, store]);

  const info = datasources.data?.find((d) => d.id === datasource);
  // Federated: any language one of the picked datasources speaks; the server translates for the rest.
  const languages = useMemo(() => {
    const picked = [datasource, ...also].map((id) => datasources.data?.find((d) => d.id === id));
    return [...new Set(picked.flatMap((d) => d?.languages ?? []))];
  }, [datasource, also, datasources.data]);
  const canExplain = info?.capabilities.explain ?? false;

  const logQuery = submitted ? isLogQuery(submitted) : false;
  // Queue place and rows so far of the query running now (CloudWatch Insights).
  const [progress, setProgress] = useState<{ of: SubmittedQuery; now: QueryProgress }>();
  const onProgress = useCallback(
    (now: QueryProgress) => {
      if (submitted) setProgress({ of: submitted, now });
    },
    [submitted],
  );
  const reportsProgress =
    datasources.data?.find((d) => d.id === submitted?.datasource)?.capabilities.progress ?? false;
  const logs = useInfiniteQuery({
    ...logsQuery(submitted ?? emptySubmitted, onProgress, reportsProgress),
    enabled: !!submitted && logQuery,
  });
  const pending = logs.isFetching && !logs.isFetchingNextPage && progress?.of === submitted;
  const running = pending ? progress?.now : undefined;
  const [resultsRef, chartWidth] = useElementWidth<HTMLElement>();
  const histogram = useQuery({
    ...histogramQuery(submitted ?? emptySubmitted, chartWidth),
    enabled: !!submitted,
  });
  const facets = useQuery({
    ...facetsQuery(submitted ?? emptySubmitted),
    enabled: !!submitted && logQuery,
  });
  const sent = useExplore(selectSentQuery);
  const live = useTail(tail, datasource, language, sent);

  const records = useMemo(() => {
    if (tail) return live.records;
    if (running?.state === 'running') return running.records;
    const pages = logs.data?.pages ?? [];
    // One page is the common case: its 100,000 records are not copied.
    return pages.length === 1 ? (pages[0]?.records ?? []) : pages.flatMap((p) => p.records);
  }, [tail, live.records, logs.data, running]);
  const lastPage = logs.data?.pages.at(-1);
  const firstPage = logs.data?.pages[0];
  const columns = running?.state === 'running' ? running.stats.columns : firstPage?.stats.columns;
  // Partial answers (failed shards, timeouts) say so beside the count, as Kibana's toast does.
  const warnings = useMemo(
    () => [...new Set(logs.data?.pages.flatMap((p) => p.stats.warnings ?? []) ?? [])],
    [logs.data],
  );
  const highlight = useMemo(
    () => highlightFor(submitted?.language ?? 'logql', submitted?.query ?? ''),
    [submitted],
  );
  const selected = useMemo(
    () => (selectedId === undefined ? undefined : records.find((r) => r.id === selectedId)),
    [records, selectedId],
  );
  const sources = useMemo(
    () =>
      sourceStatuses(
        logs.data?.pages[0]?.stats.sources,
        histogram.data?.sources,
        facets.data?.sources,
      ),
    [logs.data, histogram.data, facets.data],
  );
  const failure = [logs.error, histogram.error, facets.error].find(
    (e) => e instanceof ApiRequestError,
  );
  const error = tail ? live.error : failure?.body;
  const otherLanguages = useMemo(
    () => [...new Set(datasources.data?.flatMap((d) => d.languages))].filter((l) => l !== language),
    [datasources.data, language],
  );
  // A language this datasource does not speak takes the first datasource that does.
  const takeTranslation = (to: Language, text: string) => {
    const ds = info?.languages.includes(to)
      ? info
      : datasources.data?.find((d) => d.languages.includes(to));
    if (!ds) return;
    actions.setDatasource(ds.id, ds.languages);
    actions.setLanguage(to);
    actions.setQuery(text);
  };

  const filter = (field: string, value: string, exclude: boolean) => {
    if (!language) return;
    // Asked on the click, not kept per render: a live tail replaces 10,000 records ten times a second.
    const isLabel = records.some((r) => field in r.labels);
    actions.setQuery(addFilterIn(language, query, field, value, exclude, isLabel));
    actions.runQuery();
  };

  return (
    <div className="explore" ref={rootRef}>
      <header className="topbar">
        <label className="picker">
          <span className="muted">Datasource</span>
          <select
            data-testid={testIds.datasourcePicker}
            value={datasource}
            onChange={(e) => {
              const next = datasources.data?.find((d) => d.id === e.target.value);
              if (next) actions.setDatasource(next.id, next.languages);
            }}
          >
            {datasources.data?.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name === d.id ? d.id : `${d.name} (${d.id})`}
              </option>
            ))}
          </select>
        </label>
        {datasources.data && (
          <SourcesPicker
            datasources={datasources.data}
            primary={datasource}
            picked={also}
            onChange={(ids) => {
              actions.setAlso(ids);
              actions.runQuery();
            }}
          />
        )}
        {manyTargets && (
          <LogGroupPicker
            datasource={datasource}
            picked={target ? target.split(',') : []}
            onChange={(groups) => {
              actions.setTarget(groups.length > 0 ? groups.join(',') : undefined);
              actions.runQuery();
            }}
          />
        )}
        {!manyTargets && targets.data && targets.data.length > 0 && (
          <IndexPicker
            targets={targets.data}
            value={target}
            onChange={(t) => {
              actions.setTarget(t);
              actions.runQuery();
            }}
          />
        )}
        <span className="spacer" />
        <TimeRangePicker
          from={from}
          to={to}
          onChange={(f, t) => {
            actions.setRange(f, t);
            actions.runQuery();
          }}
        />
        <button
          type="button"
          className={tail ? 'toolbar-button live' : 'toolbar-button'}
          data-testid={testIds.tailToggle}
          aria-pressed={tail}
          onClick={() => actions.setTail(!tail)}
        >
          {tail ? (live.connected ? '● Live' : '○ Connecting') : '▶ Live tail'}
        </button>
        <SplitButton />
        <OverlayButtons />
        <button
          type="button"
          className={inspecting ? 'toolbar-button active' : 'toolbar-button'}
          data-testid={testIds.inspectToggle}
          aria-expanded={inspecting}
          disabled={!canExplain}
          title="The requests this query sends to the backend"
          onClick={() => setInspecting(!inspecting)}
        >
          Inspect
        </button>
        <button
          type="button"
          className="primary"
          data-testid={testIds.runQuery}
          onClick={actions.runQuery}
        >
          Run query
        </button>
      </header>
      <PanelEditBanner />
      <QueryBar
        languages={languages}
        language={language}
        query={query}
        error={error}
        completions={completions}
        otherLanguages={otherLanguages}
        onLanguage={actions.setLanguage}
        onUse={takeTranslation}
        onChange={actions.setQuery}
        onRun={actions.runQuery}
        actions={<SavedActions />}
      />
      <div className="workspace">
        <FacetsPanel
          query={submitted}
          facets={facets.data?.facets}
          loading={facets.isFetching}
          onFilter={filter}
        />
        <main className="results" ref={resultsRef}>
          <Histogram
            histogram={histogram.data}
            loading={histogram.isFetching}
            metric={!!submitted && !logQuery}
            query={submitted?.query ?? ''}
            legendKey={`${submitted?.datasource} ${submitted?.language} ${submitted?.query}`}
            onSelectRange={(f, t) => {
              actions.setRange(String(f), String(t));
              actions.runQuery();
            }}
          />
          <div className="results-bar">
            <span data-testid={testIds.resultCount}>
              {logs.isFetching && !logs.isFetchingNextPage && !tail
                ? 'Loading…'
                : `${records.length.toLocaleString()} ${columns ? 'rows' : 'lines'}`}
            </span>
            {!tail && (
              <AnswerStats
                running={running}
                first={firstPage?.stats}
                tookMs={lastPage?.stats.tookMs}
                warnings={warnings}
              />
            )}
            {logs.hasNextPage && !tail && (
              <button
                type="button"
                className="toolbar-button"
                disabled={logs.isFetchingNextPage}
                onClick={() => void logs.fetchNextPage()}
              >
                {logs.isFetchingNextPage ? 'Loading older…' : 'Load older lines'}
              </button>
            )}
            {tail && <TailBar tail={live} following={following} />}
            {!logQuery && submitted && <span className="muted">metric query: see the graph</span>}
            {logQuery && submitted && !tail && !columns && (
              <>
                <LineLimitPicker
                  value={limit}
                  onChange={(n) => {
                    actions.setLimit(n);
                    actions.runQuery();
                  }}
                />
                <DownloadMenu query={submitted} />
              </>
            )}
          </div>
          {!tail && <SourceErrors sources={sources} />}
          <div className="list-and-details">
            {columns && !tail ? (
              <StatsTable columns={columns} rows={records} />
            ) : (
              <LogList
                records={records}
                selectedId={selectedId}
                highlight={highlight}
                onSelect={actions.select}
                columns={shownColumns}
                onToggleColumn={actions.toggleColumn}
                linkedId={linkedId}
                stickToBottom={tail}
                onStickChange={setFollowing}
              />
            )}
            {selected && (
              <LogDetails
                record={selected}
                fetchFrom={info?.capabilities.record ? datasource : undefined}
                contextFrom={
                  datasources.data?.find((d) => d.id === selected.source)?.capabilities.context
                    ? selected.source
                    : undefined
                }
                columns={shownColumns}
                onToggleColumn={actions.toggleColumn}
                onFilter={filter}
                onClose={() => actions.select(undefined)}
              />
            )}
          </div>
        </main>
      </div>
      <ExploreOverlays root={rootRef} />
      {inspecting && canExplain && language && (
        <QueryInspector
          {...{ datasource, language, from, to, chartWidth }}
          query={sent}
          onClose={closeInspector}
        />
      )}
    </div>
  );
}
