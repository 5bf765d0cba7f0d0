/**
 * The incident page's code links: which of the alerts' frames are in this workspace (marked `open` in the view, so
 * the page makes them links) and, when the page asks for one by its position, opening it at its line.
 */
import type { Resolution } from '../../model/codeRefResolve';
import type { FrameView, IncidentView } from '../../model/incidentPage/viewModel';
import { openResolution, resolveInWorkspace } from '../codeFiles';

export class PageFrames {
  private targets = new Map<string, { frame: FrameView; resolution: Resolution }>();

  /** Marks the view's frames found in the workspace; true when any was. */
  async resolve(view: IncidentView): Promise<boolean> {
    const frames = view.alerts.items.flatMap((a, alert) => a.frames.map((frame, index) => ({ key: `${alert}:${index}`, frame })));
    const resolutions = frames.length ? await resolveInWorkspace(frames.map((f) => f.frame)) : [];
    const targets = new Map<string, { frame: FrameView; resolution: Resolution }>();
    frames.forEach(({ key, frame }, i) => {
      const resolution = resolutions[i]!;
      if (resolution.kind === 'unresolved') return;
      frame.open = true;
      targets.set(key, { frame, resolution });
    });
    this.targets = targets;
    return targets.size > 0;
  }

  /** Opens the frame the page named; false when it names none the extension found. */
  open(alert: number, frame: number): Promise<boolean> {
    const target = this.targets.get(`${alert}:${frame}`);
    return target ? openResolution(target.resolution, target.frame) : Promise.resolve(false);
  }
}
