// Closing a connection whose request body was left unread. Closed at once, the kernel would answer the
// client's next bytes with a reset, which can reach the client before it has read our answer (it then sees
// "connection reset", not the 413). So the answer says `Connection: close`; once it is written, the server
// reads nothing more (what the client still sends waits in the kernel's buffers, then the client's, never in
// our memory) and closes the socket after a moment in which the client reads the answer and hangs up.
import type { IncomingMessage, ServerResponse } from "node:http";

const LINGER_MS = 2000;

/** Marks the answer as the connection's last; after it is written, stops reading and closes soon after. */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse) {
  res.setHeader("Connection", "close");
  const socket = req.socket;
  // Node calls destroySoon() once a `Connection: close` answer is written, right after it resumed the unread
  // body to drop it; pausing again stops that reading (and with it the socket's) before it starts.
  socket.destroySoon = () => {
    req.pause();
    if (socket.writable) socket.end();
    if (req.readableEnded) return void socket.destroy();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    socket.once("close", () => clearTimeout(timer));
  };
}
