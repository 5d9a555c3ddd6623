// "Let people vote from their own devices": the facilitator picks an address, opens the doors, and the room
// scans a QR code. The shared screen keeps showing only who is done; seats can be reset or sent as a link.
import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useState } from 'react';
import { formatJoinCode, spellJoinCode, type DoorsState, type NetworkAddress } from '../../../shared/participant.ts';
import { api } from '../api.ts';
import type { DecisionDetail } from '../types.ts';
import { ErrorNote } from './common.tsx';
import { CopyButton } from './CopyButton.tsx';

export function DoorsPanel({ decision }: { decision: DecisionDetail }) {
  const [addresses, setAddresses] = useState<NetworkAddress[] | null>(null);
  const [host, setHost] = useState('');
  const [showResults, setShowResults] = useState(false);
  // A fixed port is remembered for the next workshop (the room's firewall stays the same).
  const [port, setPort] = useState(() => localStorage.getItem('verdict.doorsPort') ?? '');
  const [state, setState] = useState<DoorsState | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.doors.networkAddresses({}).then((r) => {
      if (!r.ok) return setError(r.error.message);
      setAddresses(r.value);
      setHost((h) => h || r.value[0]?.address || '');
    });
  }, []);
  // Seats being taken are not history events: ask while the doors are open.
  useEffect(() => {
    let alive = true;
    const load = () => void api.doors.doorsState({ decisionId: decision.id }).then((r) => alive && r.ok && setState(r.value));
    load();
    const timer = setInterval(load, 2000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [decision.id]);

  const act = async <T,>(promise: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>, then: (value: T) => void) => {
    const r = await promise;
    if (!r.ok) return setError(r.error.message);
    setError(null);
    then(r.value);
  };
  const open = async () => {
    if (port !== '' && !/^\d{1,5}$/.test(port)) return setError(`The port must be a number from 1024 to 65535, or empty for any free port (got "${port}").`);
    try {
      localStorage.setItem('verdict.doorsPort', port);
    } catch {
      // private mode: remembered for this session only
    }
    await act(api.doors.openDoors({ decisionId: decision.id, host, showResults, port: port === '' ? undefined : Number(port) }), setState);
  };
  /** The personal link, or null (and the error shown) when the door refused. */
  const inviteUrl = async (memberId: number): Promise<string | null> => {
    const r = await api.doors.inviteLink({ decisionId: decision.id, memberId });
    if (!r.ok) {
      setError(r.error.message);
      return null;
    }
    setError(null);
    return r.value.url;
  };

  if (!state) {
    return (
      <section className="panel doors" aria-labelledby="doors-title">
        <h3 id="doors-title">Let people vote from their own devices</h3>
        <p className="muted">Each person scans a code with their phone, picks their name and votes privately; this screen shows who is done.</p>
        <div className="inline-form">
          <label className="field">
            <span className="field-label">Offer on</span>
            <select aria-label="Offer on" value={host} onChange={(e) => setHost(e.target.value)} disabled={!addresses}>
              {(addresses ?? []).map((a) => (
                <option key={a.address} value={a.address}>
                  {a.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">Port</span>
            <input inputMode="numeric" aria-label="Port" placeholder="any free port" value={port} onChange={(e) => setPort(e.target.value.trim())} size={12} />
          </label>
          <label className="check-field">
            <input type="checkbox" checked={showResults} onChange={(e) => setShowResults(e.target.checked)} /> Show them the results after the reveal
          </label>
          <button className="primary" disabled={!host} onClick={() => void open()}>
            Open the doors
          </button>
        </div>
        <ErrorNote error={error} />
      </section>
    );
  }

  return (
    <section className="panel doors open" aria-labelledby="doors-title">
      <h3 id="doors-title">Scan to vote</h3>
      <div className="join">
        <QRCodeSVG value={state.joinUrl} size={320} marginSize={2} level="M" role="img" aria-label="QR code of the join link" className="qr" />
        <div>
          {/* No camera, or a QR code too far away: the plain address and a short code, read off the screen. */}
          <p className="type-address">
            Or open <code>{state.address}</code> and type
          </p>
          <p className="join-code">
            <span className="sr-only">the join code: {spellJoinCode(state.joinCode)}</span>
            <span aria-hidden="true">{formatJoinCode(state.joinCode)}</span>
          </p>
          <p className="join-url">
            {/* The whole link, code included: typed by hand, it must work. */}
            <code>{state.joinUrl}</code>
          </p>
          <p className="muted">Open the camera, scan, pick your name. Your votes stay hidden until the reveal.</p>
          <div className="actions">
            <CopyButton text={state.joinUrl} label="Copy the join link" />
            <button className="danger" onClick={() => void act(api.doors.closeDoors({ decisionId: decision.id }), () => setState(null))}>
              Close the doors
            </button>
          </div>
          <ul className="seats" aria-label="Seats">
            {state.seats.map((s) => (
              <li key={s.memberId}>
                <span className="person">{s.name}</span> <span className="muted small">{s.taken ? 'on a device' : 'no device yet'}</span>
                {s.taken && (
                  <button className="link" onClick={() => void act(api.doors.resetSeat({ decisionId: decision.id, memberId: s.memberId }), setState)} aria-label={`Reset ${s.name}’s seat`}>
                    Reset seat
                  </button>
                )}
                <CopyButton className="link" text={() => inviteUrl(s.memberId)} label="Personal link" ariaLabel={`Copy ${s.name}’s personal link`} />
              </li>
            ))}
          </ul>
        </div>
      </div>
      <ErrorNote error={error} />
    </section>
  );
}

/**
 * On every other step, while the doors are open (after a reveal with results shown, say): where they are
 * open and a way to close them, so the port never stays open unnoticed.
 */
export function DoorsBar({ decisionId }: { decisionId: number }) {
  const [state, setState] = useState<DoorsState | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () => void api.doors.doorsState({ decisionId }).then((r) => alive && r.ok && setState(r.value));
    load();
    const timer = setInterval(load, 3000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [decisionId]);
  if (!state) return null;
  const close = async () => {
    const r = await api.doors.closeDoors({ decisionId });
    if (!r.ok) return setError(r.error.message);
    setState(null);
  };
  return (
    <div className="notice doors-bar" role="status">
      Participants’ devices can still reach this decision at <code>{state.address}</code>.{' '}
      <button className="danger" onClick={() => void close()}>
        Close the doors
      </button>
      <ErrorNote error={error} />
    </div>
  );
}
