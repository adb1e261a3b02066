import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  Text,
  Title3,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { otherLang, translator, type Lang } from './i18n';
import { useActionRunner, type RunAction } from './actions';
import { TaskPanePortContext, type TaskPanePort } from './port';
import { ActionCountContext, type ActionCount } from './status';
import { CheckView } from './views/CheckView';
import { CreateTemplateView } from './views/CreateTemplateView';
import { MergeView } from './views/MergeView';

const LANG_KEY = 'pressdx.lang';

function storedLang(): Lang {
  try {
    return window.localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage can be blocked in some Office webviews
  }
}

function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_KEY, lang);
  } catch {
    // not persisted; the choice still applies to this session
  }
}

// Layout lives on an inner element: FluentProvider's classes are copied onto the portal nodes that
// hold dropdown lists and dialogs, so a full-height provider would cover the page.
const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    overflowWrap: 'anywhere',
    minWidth: '320px',
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  header: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  titles: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // Three tabs fit 320 px at the small size; longer English labels wrap rather than scroll away.
  tabs: { flexWrap: 'wrap' },
});

const VIEWS = ['create', 'check', 'merge'] as const;
type ViewId = (typeof VIEWS)[number];
const TAB_LABEL = { create: 'createTab', check: 'checkTab', merge: 'mergeTab' } as const;
const tabId = (v: ViewId) => `pressdx-tab-${v}`;
const panelId = (v: ViewId) => `pressdx-panel-${v}`;

export interface AppProps {
  /** The host: Excel through office.js, or the workbench's in-memory Excel. */
  port: TaskPanePort;
  /** Told the pane's language on start and on every switch (the workbench speaks it too). */
  onLangChange?: (lang: Lang) => void;
}

export function App({ port, onLangChange }: AppProps) {
  const { host } = port;
  const styles = useStyles();
  const [lang, setLang] = useState<Lang>(storedLang);
  const [view, setView] = useState<ViewId>('create');
  const t = useMemo(() => translator(lang), [lang]);
  const actions = useActionRunner(t, port.isOfficeError);
  const canRun = host !== null && host.supportsRequiredApi;
  // Creating a template and merging replace sheets; the Check view drops findings made before.
  const [workbookChanges, setWorkbookChanges] = useState(0);
  // Every action started, in any view, retires the status messages of the ones before.
  const started = useRef(0);
  const [startedRendered, setStartedRendered] = useState(0);
  const actionCount = useMemo<ActionCount>(() => ({ rendered: startedRendered, now: () => started.current }), [startedRendered]);
  const runAction = actions.run;
  const run = useCallback<RunAction>(
    (action) => {
      started.current++;
      setStartedRendered(started.current);
      return runAction(action);
    },
    [runAction],
  );
  const runChangingWorkbook = useCallback<RunAction>(
    (action) =>
      run(async () => {
        try {
          return await action();
        } finally {
          setWorkbookChanges((n) => n + 1);
        }
      }),
    [run],
  );

  useEffect(() => {
    document.documentElement.lang = lang;
    storeLang(lang);
    onLangChange?.(lang);
  }, [lang, onLangChange]);

  return (
    <FluentProvider theme={host?.dark ? webDarkTheme : webLightTheme}>
      <TaskPanePortContext.Provider value={port}>
        <ActionCountContext.Provider value={actionCount}>
          <div className={styles.root}>
            <header className={styles.header}>
              <div className={styles.titles}>
                <Title3 as="h1">PressDX</Title3>
                <Text size={200}>{t('appSubtitle')}</Text>
              </div>
              <Button
                size="small"
                lang={otherLang(lang)}
                aria-label={t('switchLanguageLabel')}
                onClick={() => setLang(otherLang(lang))}
              >
                {t('switchLanguage')}
              </Button>
            </header>

            {host === null && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{t('outsideExcelTitle')}</MessageBarTitle> {t('outsideExcelBody')}
                </MessageBarBody>
              </MessageBar>
            )}
            {host !== null && !host.supportsRequiredApi && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>{t('oldExcelTitle')}</MessageBarTitle> {t('oldExcelBody')}
                </MessageBarBody>
              </MessageBar>
            )}

            <div role="alert">
              {actions.error && (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>{t('errorTitle')}</MessageBarTitle> {actions.error}
                  </MessageBarBody>
                  <MessageBarActions>
                    <Button size="small" onClick={actions.clearError}>
                      {t('dismiss')}
                    </Button>
                  </MessageBarActions>
                </MessageBar>
              )}
            </div>

            <nav aria-label={t('viewsLabel')}>
              {/* Arrow keys move between tabs (Fluent's TabList); Tab enters the selected one. */}
              <TabList className={styles.tabs} size="small" selectedValue={view} onTabSelect={(_e, data) => setView(data.value as ViewId)}>
                {VIEWS.map((v) => (
                  <Tab key={v} value={v} id={tabId(v)} aria-controls={panelId(v)}>
                    {t(TAB_LABEL[v])}
                  </Tab>
                ))}
              </TabList>
            </nav>

            {/* Every view stays mounted, so a check's findings and the picked files survive a tab switch. */}
            <main className={styles.main}>
              {VIEWS.map((v) => (
                <div key={v} role="tabpanel" id={panelId(v)} aria-labelledby={tabId(v)} hidden={view !== v}>
                  {v === 'create' && <CreateTemplateView lang={lang} t={t} run={runChangingWorkbook} busy={actions.busy} canRun={canRun} />}
                  {v === 'check' && <CheckView lang={lang} t={t} run={run} busy={actions.busy} canRun={canRun} workbookChanges={workbookChanges} />}
                  {v === 'merge' && <MergeView lang={lang} t={t} run={runChangingWorkbook} busy={actions.busy} canRun={canRun} />}
                </div>
              ))}
            </main>
          </div>
        </ActionCountContext.Provider>
      </TaskPanePortContext.Provider>
    </FluentProvider>
  );
}
