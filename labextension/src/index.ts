/**
 * Course notebooks run themselves and keep their code out of sight.
 *
 * A notebook is a course notebook when its metadata has a "coursework" key (the notebook
 * builder writes one). For such a notebook, once its kernel is ready, every code cell runs
 * (no Run press needed), and again after the kernel restarts or is changed. The CSS in
 * style/base.css hides code cell inputs and prompts inside a course notebook; outputs stay.
 * Nothing is written to the notebook's metadata, so the file stays the template it was.
 * Other notebooks are untouched. "Show course code" (View menu, command palette) shows the
 * code of the current course notebook for a tutor, and hides it again.
 *
 * The notebook panel's `data-coursework-run` attribute says where the run is:
 * "waiting" (for the kernel), "running", "done" or "stopped" (a cell failed), and
 * `data-coursework-runs` counts the runs started. Tests and the benchmarks wait on them.
 */

import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { Cell } from '@jupyterlab/cells';
import {
  INotebookTracker,
  NotebookActions,
  NotebookPanel
} from '@jupyterlab/notebook';

const METADATA_KEY = 'coursework';
const COURSE_CLASS = 'cw-CourseNotebook';
const SHOW_CODE_CLASS = 'cw-mod-showCode';
const RUN_ATTRIBUTE = 'data-coursework-run';
const RUNS_ATTRIBUTE = 'data-coursework-runs';
const SHOW_CODE_COMMAND = 'coursework:toggle-code';

/** Kernel states after which the cells must run again. */
const RESTARTING = new Set(['restarting', 'autorestarting']);

/** Runs one course notebook whenever a kernel becomes ready for it. */
class AutoRunner {
  constructor(private readonly panel: NotebookPanel) {
    const { sessionContext } = panel;
    sessionContext.statusChanged.connect(this._onStatus, this);
    sessionContext.connectionStatusChanged.connect(this._onStatus, this);
    sessionContext.kernelChanged.connect(this._onKernelChanged, this);
    this._setState('waiting');
    void sessionContext.ready.then(() => this._runWhenReady());
  }

  dispose(): void {
    const { sessionContext } = this.panel;
    sessionContext.statusChanged.disconnect(this._onStatus, this);
    sessionContext.connectionStatusChanged.disconnect(this._onStatus, this);
    sessionContext.kernelChanged.disconnect(this._onKernelChanged, this);
  }

  private _setState(state: 'waiting' | 'running' | 'done' | 'stopped'): void {
    this.panel.node.setAttribute(RUN_ATTRIBUTE, state);
  }

  private _onKernelChanged(): void {
    // A kernel chosen from the Kernel menu is a fresh start: run again once it is ready.
    this._ranFor = null;
    this._setState('waiting');
    this._runWhenReady();
  }

  private _onStatus(): void {
    const status = this.panel.sessionContext.kernelDisplayStatus;
    if (RESTARTING.has(status)) {
      this._restarted = true;
      this._setState('waiting');
    }
    this._runWhenReady();
  }

  /** Run all code cells once the kernel is idle, once per kernel start. */
  private _runWhenReady(): void {
    const { sessionContext } = this.panel;
    const kernel = sessionContext.session?.kernel;
    if (!kernel || this._running || this.panel.isDisposed) {
      return;
    }
    if (sessionContext.kernelDisplayStatus !== 'idle') {
      return; // called again on the next status change
    }
    if (this._ranFor === kernel.id && !this._restarted) {
      return;
    }
    this._ranFor = kernel.id;
    this._restarted = false;
    void this._runAll();
  }

  private async _runAll(): Promise<void> {
    const { content, sessionContext } = this.panel;
    this._running = true;
    this._runs += 1;
    this.panel.node.setAttribute(RUNS_ATTRIBUTE, String(this._runs));
    this._setState('running');
    try {
      // "Restart Kernel and Run All Cells" runs them itself: wait for that run instead of
      // queueing every cell twice.
      await delay(200);
      const code = content.widgets.filter(cell => cell.model.type === 'code');
      let ok = true;
      if (code.some(isQueued)) {
        while (code.some(isQueued) && !this.panel.isDisposed) {
          await delay(200);
        }
      } else {
        ok = await NotebookActions.runCells(content, code, sessionContext);
      }
      // A restart while the cells ran leaves the state at 'waiting' for the next run.
      if (!this._restarted) {
        this._setState(ok ? 'done' : 'stopped');
      }
    } catch (reason) {
      console.error('A course notebook did not finish running', reason);
      this._setState('stopped');
    } finally {
      this._running = false;
    }
    this._runWhenReady();
  }

  private _ranFor: string | null = null;
  private _restarted = false;
  private _running = false;
  private _runs = 0;
}

function delay(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

function isQueued(cell: Cell): boolean {
  const state = (cell.model as { executionState?: string }).executionState;
  return state === 'running';
}

function isCourseNotebook(panel: NotebookPanel): boolean {
  const model = panel.content.model;
  return model !== null && model.getMetadata(METADATA_KEY) !== undefined;
}

/** Hide or show the code of one course notebook (the view only, never the file). */
function setCodeShown(panel: NotebookPanel, shown: boolean): void {
  panel.toggleClass(SHOW_CODE_CLASS, shown);
  for (const cell of panel.content.widgets) {
    if (cell.model.type !== 'code') {
      continue;
    }
    // The builder stores source_hidden: keep that out of the file while a tutor looks.
    cell.syncCollapse = false;
    cell.inputHidden = !shown;
    if (!shown) {
      cell.syncCollapse = true;
    }
  }
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'customer-service-coursework-lab:plugin',
  description:
    'Course notebooks run themselves when opened and show no code; a tutor can show it.',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    palette: ICommandPalette | null
  ) => {
    const watch = async (panel: NotebookPanel): Promise<void> => {
      await panel.context.ready;
      if (panel.isDisposed || !isCourseNotebook(panel)) {
        return;
      }
      panel.addClass(COURSE_CLASS);
      const runner = new AutoRunner(panel);
      panel.disposed.connect(() => runner.dispose());
      // Cells added later (none in a course notebook, but a tutor may add one) stay in step.
      panel.content.model?.cells.changed.connect(() => {
        if (panel.hasClass(SHOW_CODE_CLASS)) {
          setCodeShown(panel, true);
        }
      });
    };
    tracker.forEach(panel => void watch(panel));
    tracker.widgetAdded.connect((_, panel) => void watch(panel));

    const current = (): NotebookPanel | null => {
      const panel = tracker.currentWidget;
      return panel && panel.hasClass(COURSE_CLASS) ? panel : null;
    };
    app.commands.addCommand(SHOW_CODE_COMMAND, {
      label: 'Show Course Code',
      caption: 'Show the code of this course notebook (for tutors); choose again to hide it',
      isEnabled: () => current() !== null,
      isToggled: () => current()?.hasClass(SHOW_CODE_CLASS) ?? false,
      execute: () => {
        const panel = current();
        if (panel) {
          setCodeShown(panel, !panel.hasClass(SHOW_CODE_CLASS));
          app.commands.notifyCommandChanged(SHOW_CODE_COMMAND);
        }
      }
    });
    tracker.currentChanged.connect(() =>
      app.commands.notifyCommandChanged(SHOW_CODE_COMMAND)
    );
    palette?.addItem({ command: SHOW_CODE_COMMAND, category: 'Notebook Operations' });
  }
};

export default plugin;
