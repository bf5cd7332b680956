// The stream generator: `stream rides` into the local lake at a chosen rate, started and stopped from here (the
// stand-in for the Kinesis Data Generator). The console runs at most one; this page shows it, whichever tab started it.
import { api, changing, el, link, status, main, page, table, text } from './common.js';

page(async () => {
  const rate = el('input', { id: 'rate', type: 'number', min: '0.01', max: '10000', step: 'any', value: '20', 'aria-label': 'events per second' });
  const maxEvents = el('input', { id: 'max-events', type: 'number', min: '1', step: '1', placeholder: 'until stopped', 'aria-label': 'most events to send' });
  const start = el('button', { id: 'start', type: 'button' }, 'Start');
  const stop = el('button', { id: 'stop', type: 'button', disabled: '' }, 'Stop');
  const counts = el('div', { id: 'stream-state' });
  main().append(
    el('p', {}, 'Generated car-ride events (vehicle, distance, rating, customer, type) streamed into the rides dataset through the local lake\'s Firehose-like buffer (1 MiB or 5 s per raw object), each object processed as it lands.'),
    el('div', { class: 'controls' }, el('label', {}, 'events per second ', rate), el('label', {}, 'at most ', maxEvents, ' events'), start, stop),
    counts,
    el('p', {}, link('/runs?dataset=rides', 'Runs of rides'), ' · ', link('/sql', 'Query rides on the SQL page')));

  function show(state) {
    const running = state.state === 'running' || state.state === 'stopping';
    start.disabled = running;
    stop.disabled = state.state !== 'running';
    counts.replaceChildren(state.state === 'idle' ? [] : table(
      ['state', 'events/s', 'at most', 'sent', 'delivered', 'buffered', 'raw objects', 'seconds'],
      [[state.state, state.rate, state.max_events ?? 'until stopped', state.sent, state.delivered, state.buffered, state.objects, Math.round(state.elapsed_seconds)]]));
    if (state.error) status(`The stream failed: ${state.error}`, true);
    else if (state.state === 'idle') status('No stream has run since the console started.');
    else status(running ? `Streaming rides at ${text(state.rate)} events/s…` : `The stream ${state.state}: ${text(state.delivered)} events delivered to rides.`);
    return running;
  }

  // While a stream runs the page asks again, the server holding each answer up to a second, so counts move live.
  let watching = false;
  async function watch(state) {
    if (!show(state) || watching) return;
    watching = true;
    try {
      while (show(state = await api('/api/stream/rides?wait_seconds=1')));
    } catch (error) {
      status(error.message, true);
    } finally {
      watching = false;
    }
  }

  start.addEventListener('click', async () => {
    start.disabled = true;
    try {
      const body = { rate: Number(rate.value) };
      if (maxEvents.value !== '') body.max_events = Number(maxEvents.value);
      await watch(await changing('/api/stream/rides/start', 'POST', body));
    } catch (error) {
      start.disabled = false;
      status(error.message, true);
    }
  });
  stop.addEventListener('click', async () => {
    stop.disabled = true;
    status('Stopping: delivering what is buffered…');
    try {
      show(await changing('/api/stream/rides/stop', 'POST'));
    } catch (error) {
      status(error.message, true);
    }
  });

  // On AWS there is no generator: its API answers 404 naming `lake stream rides --aws`, which the page shows as it is.
  let first;
  try {
    first = await api('/api/stream/rides');
  } catch (error) {
    start.disabled = true;
    throw error;
  }
  await watch(first);
});
