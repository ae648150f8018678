// Any path the portal does not know.
import { Link, PageTitle } from '../components/ui';
import { M } from '../i18n';
import { href } from '../router';

export default function NotFound() {
  return (
    <>
      <PageTitle>{M.notFound.title}</PageTitle>
      <p>{M.notFound.body}</p>
      <p>
        <Link href={href('/')}>{M.notFound.back}</Link>
      </p>
    </>
  );
}
