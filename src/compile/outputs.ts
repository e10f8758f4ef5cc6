/**
 * Recorded outputs: one channel per output and member (a leader output records one channel for its entity),
 * then one per event instance's fired flag; each writes its value at every point of the run.
 */
import type { LoadedModel } from '../model/load.js';
import { unitOf } from '../model/unitOf.js';
import type { Path } from '../model/yamlFile.js';
import type { BuildContext } from './buildContext.js';
import { indicatorCode, leaderStatement, recordStatement, slotRef } from './codegen.js';
import type { Channel } from './plan.js';

/** The channels and the statements recording them; `points` is the number of points per channel. */
export function outputCode(
  ctx: BuildContext,
  model: LoadedModel,
  points: number,
): { channels: Channel[]; code: string[] } {
  const channels: Channel[] = [];
  const lines: string[] = [];
  const sym = ctx.sym;
  const put = (channel: Channel, code: string) => {
    lines.push(recordStatement(channels.length * points, code));
    channels.push(channel);
  };
  for (const [id, out] of Object.entries(model.file.outputs ?? {})) {
    if (out.for !== undefined && !sym.entities.has(out.for)) continue;
    const at: Path = ['outputs', id];
    const label = out.label ?? id;
    if (out.kind === 'leader') {
      const members = sym.entities.get(out.for)!;
      const candidates = members.map((m) => {
        const scope = sym.scope('x', { entity: out.for, member: m });
        const by = ctx.expression(out.by, [...at, 'by'], scope, { allowRandom: false }).code;
        if (out.among === undefined) return { by };
        return { by, among: ctx.expression(out.among, [...at, 'among'], scope, { allowRandom: false }).code };
      });
      lines.push(leaderStatement(channels.length * points, candidates));
      channels.push({ output: id, kind: 'leader', label, members });
      continue;
    }
    for (const inst of sym.instances(out.for)) {
      const scope = sym.scope('x', inst);
      const member = inst ? { member: inst.member } : {};
      if (out.kind === 'series') {
        put(
          { output: id, ...member, kind: 'series', label, unit: unitOf(out, inst?.member) },
          ctx.expression(out.expr, [...at, 'expr'], scope, { allowRandom: false }).code,
        );
      } else {
        put(
          { output: id, ...member, kind: 'threshold', label },
          indicatorCode(ctx.expression(out.when, [...at, 'when'], scope, { allowRandom: false }).code),
        );
      }
    }
  }
  for (const [id, ev] of Object.entries(model.file.events ?? {})) {
    if (ev.for !== undefined && !sym.entities.has(ev.for)) continue;
    for (const inst of sym.instances(ev.for)) {
      put(
        { output: id, ...(inst ? { member: inst.member } : {}), kind: 'event', label: ev.label ?? id },
        slotRef('x', sym.slot(id, inst?.member)!.slot),
      );
    }
  }
  return { channels, code: lines };
}
