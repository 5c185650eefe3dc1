import { Engine, type EngineOptions } from './engine';
import type { PipelineStages } from './jobs/pipeline-stages';

export interface AppEngineOptions extends Pick<EngineOptions, 'dataDir' | 'key' | 'resourcesDir' | 'actor'> {
  stages: PipelineStages;
}

/**
 * The engine as the app runs it, in the Electron utility process and in browser mode alike: the
 * pipeline in the background, sync with the hub and backups on their schedules. One function so
 * the two front ends cannot drift apart (browser mode once ran without the sync schedule).
 */
export function openAppEngine(options: AppEngineOptions): Engine {
  const { stages, ...rest } = options;
  return Engine.open({ ...rest, pipeline: { stages }, syncSchedule: true, backupSchedule: true });
}
