import { Route, Routes } from 'react-router-dom';
import { MyTickets } from './MyTickets';
import { SupportAdmin } from './SupportAdmin';
import { TicketDetails } from './TicketDetails';

/** `/support` and its sub-pages. */
export function SupportPage() {
  return (
    <Routes>
      <Route path="/" element={<MyTickets />} />
      <Route path="/admin" element={<SupportAdmin />} />
      <Route path="/tickets/:ticketId" element={<TicketDetails />} />
    </Routes>
  );
}
