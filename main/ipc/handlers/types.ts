import type { Channel, ChannelOutput, ParsedInput } from '../../../shared/ipc/contract';
import type { Core } from '../../core';

export type Handler<C extends Channel> = (core: Core, input: ParsedInput<C>) => Promise<ChannelOutput<C>>;
export type HandlerMap<C extends Channel> = { [K in C]: Handler<K> };
