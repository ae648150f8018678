// The county's portal information (/portal/info), loaded once and shared by every page.
import { type Accessor, createContext, useContext } from 'solid-js';
import type { PortalInfo } from '../lib/api';

export const InfoContext = createContext<Accessor<PortalInfo | undefined>>(() => undefined);
export const useInfo = () => useContext(InfoContext);
