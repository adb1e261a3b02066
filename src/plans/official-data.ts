import type { OfficialData } from '../app/types';
import { INDEX_VERSIONS } from '../indexes/index-versions';
import { QUANG_TRI_2023 } from './quang-tri-2023';

/** The built-in plan and index versions, which the front ends hand to the use cases. */
export const OFFICIAL_DATA: OfficialData = { plan: QUANG_TRI_2023, indexVersions: INDEX_VERSIONS };
