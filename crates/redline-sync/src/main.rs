//! The sync worker: its own wasm, loaded only when a user turns sync on. It owns the socket to
//! the team server and the room's replica and reads what arrives against the page's document
//! ([`Agent`]), and talks to the page in JSON messages
//! ([`ToWorker`] in, [`FromWorker`] out). While sync is wanted it keeps reconnecting, a little
//! slower each time, up to every few seconds; writes made meanwhile wait in the replica and go
//! out with the next exchange of state vectors.

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use redline_core::sync::{Connection, FromWorker, ToWorker};
    use redline_core::Timestamp;
    use redline_sync::agent::Agent;
    use redline_sync::Heard;
    use redline_sync::Replica;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{BinaryType, DedicatedWorkerGlobalScope, MessageEvent, WebSocket};

    /// Peers forget a presence not renewed for 30 seconds.
    const PRESENCE_EVERY_MS: i32 = 15_000;

    struct Clock;

    impl yrs::sync::Clock for Clock {
        fn now(&self) -> yrs::sync::Timestamp {
            js_sys::Date::now() as u64
        }
    }

    /// An open (or opening) socket with the handlers that must live as long as it does.
    struct Socket {
        socket: WebSocket,
        _handlers: [Closure<dyn FnMut(JsValue)>; 3],
    }

    struct Worker {
        scope: DedicatedWorkerGlobalScope,
        agent: Agent,
        /// The connection as last told to the page.
        connection: Connection,
        socket: Option<Socket>,
        /// The room's socket address while sync is wanted.
        url: Option<String>,
        /// Failed attempts since the last connection.
        retries: u32,
        /// The room the replica holds, kept after a disconnection (to rejoin it with what was
        /// done meanwhile).
        last_room: Option<String>,
    }

    thread_local! {
        static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
    }

    fn with<T>(f: impl FnOnce(&mut Worker) -> T) -> Option<T> {
        WORKER.with(|w| w.borrow_mut().as_mut().map(f))
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
            let Some(raw) = event.data().as_string() else { return };
            let Some(message) = ToWorker::from_json(&raw) else { return };
            with(|worker| worker.take_message(message));
        });
        scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        onmessage.forget();
        let renew = Closure::<dyn FnMut()>::new(|| {
            with(|worker| {
                let frame = worker.agent.replica.presence();
                worker.send(frame);
            });
        });
        let _ = scope
            .set_interval_with_callback_and_timeout_and_arguments_0(renew.as_ref().unchecked_ref(), PRESENCE_EVERY_MS);
        renew.forget();
        WORKER.with(|w| {
            let agent = Agent::new(Replica::new(Clock));
            let connection = Connection::Offline;
            *w.borrow_mut() =
                Some(Worker { scope, agent, connection, socket: None, url: None, retries: 0, last_room: None })
        });
        with(|worker| worker.tell(&FromWorker::Ready));
    }

    impl Worker {
        fn take_message(&mut self, message: ToWorker) {
            match message {
                ToWorker::Connect { url, awareness, document_id, fields, records } => {
                    // Another room (another document was opened) starts from a new replica:
                    // the last room's state must never be offered to it.
                    if self.last_room.as_ref() != Some(&url) {
                        self.close();
                        self.agent = Agent::new(Replica::new(Clock));
                        self.last_room = Some(url.clone());
                    }
                    self.agent.replica.set_presence(&awareness);
                    self.agent.connect(&document_id, fields, records);
                    self.url = Some(url);
                    self.retries = 0;
                    self.open();
                }
                ToWorker::Local { records } => {
                    let frame = self.agent.local(records);
                    self.send(frame);
                    if self.connection != Connection::Connected {
                        self.status(self.connection, None);
                    }
                }
                ToWorker::Disconnect => {
                    self.url = None;
                    let frame = self.agent.replica.leave();
                    self.send(frame);
                    self.close();
                    self.tell(&FromWorker::Peers(Vec::new()));
                    // The page asked, and knows why (the user left, or the browser went offline).
                    self.status(Connection::Offline, None);
                }
            }
        }

        fn open(&mut self) {
            self.close();
            let Some(url) = self.url.clone() else { return };
            let socket = match WebSocket::new(&url) {
                Ok(socket) => socket,
                Err(_) => {
                    self.url = None;
                    return self.status(Connection::Offline, Some(format!("{url} is not a socket address")));
                }
            };
            socket.set_binary_type(BinaryType::Arraybuffer);
            let onopen = Closure::<dyn FnMut(JsValue)>::new(|_| {
                with(|worker| {
                    worker.retries = 0;
                    for frame in worker.agent.replica.open() {
                        worker.send(Some(frame));
                    }
                });
            });
            let onmessage = Closure::<dyn FnMut(JsValue)>::new(|event: JsValue| {
                let Some(data) = event.dyn_ref::<MessageEvent>().map(MessageEvent::data) else { return };
                let Some(buffer) = data.dyn_ref::<js_sys::ArrayBuffer>() else { return };
                let frame = js_sys::Uint8Array::new(buffer).to_vec();
                with(|worker| worker.receive(&frame));
            });
            let onclose = Closure::<dyn FnMut(JsValue)>::new(|_| {
                with(|worker| worker.closed());
            });
            socket.set_onopen(Some(onopen.as_ref().unchecked_ref()));
            socket.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
            socket.set_onclose(Some(onclose.as_ref().unchecked_ref()));
            self.socket = Some(Socket { socket, _handlers: [onopen, onmessage, onclose] });
            self.status(Connection::Connecting, None);
        }

        fn receive(&mut self, frame: &[u8]) {
            let (replies, heard) = self.agent.replica.receive(frame);
            let synced = heard.iter().any(|h| matches!(h, Heard::Synced { .. }));
            let (frames, told) = self.agent.heard(heard, Timestamp(js_sys::Date::now() as i64));
            for frame in replies.into_iter().chain(frames) {
                self.send(Some(frame));
            }
            let fatal = told.iter().any(|m| matches!(m, FromWorker::Refused { fatal: true, .. }));
            for message in &told {
                self.tell(message);
            }
            if fatal {
                self.url = None;
                self.close();
            } else if synced {
                self.status(Connection::Connected, None);
            }
        }

        /// The socket closed (the server went away, or never answered): try again while
        /// sync is wanted.
        fn closed(&mut self) {
            self.socket = None;
            self.agent.replica.closed();
            self.tell(&FromWorker::Peers(Vec::new()));
            if self.url.is_none() {
                return;
            }
            let wait = redline_core::sync::retry_wait_ms(self.retries);
            self.retries += 1;
            let retry = Closure::once_into_js(|| {
                with(|worker| {
                    if worker.socket.is_none() {
                        worker.open();
                    }
                });
            });
            let _ =
                self.scope.set_timeout_with_callback_and_timeout_and_arguments_0(retry.unchecked_ref(), wait as i32);
            let detail = format!("The server cannot be reached; {}", redline_core::sync::trying_again_in(wait));
            self.status(Connection::Offline, Some(detail));
        }

        fn close(&mut self) {
            self.agent.replica.closed();
            if let Some(Socket { socket, .. }) = self.socket.take() {
                socket.set_onclose(None);
                let _ = socket.close();
            }
        }

        fn send(&self, frame: Option<Vec<u8>>) {
            let (Some(frame), Some(Socket { socket, .. })) = (frame, &self.socket) else { return };
            if socket.ready_state() == WebSocket::OPEN {
                let _ = socket.send_with_u8_array(&frame);
            }
        }

        fn status(&mut self, connection: Connection, detail: Option<String>) {
            self.connection = connection;
            self.tell(&self.agent.status(connection, detail));
        }

        fn tell(&self, message: &FromWorker) {
            let _ = self.scope.post_message(&JsValue::from_str(&message.to_json()));
        }
    }
}
