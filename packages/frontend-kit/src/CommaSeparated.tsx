import { Fragment, ReactNode } from 'react';

/**
 * Items rendered one by one and separated by commas (so a list wraps between
 * entries), or `empty` when there are none.
 * @public
 */
export function CommaSeparated<T extends string>(props: {
  items: T[];
  render: (item: T) => ReactNode;
  empty: ReactNode;
}) {
  if (props.items.length === 0) return <>{props.empty}</>;
  return (
    <>
      {props.items.map((item, index) => (
        <Fragment key={item}>
          {index > 0 && ', '}
          {props.render(item)}
        </Fragment>
      ))}
    </>
  );
}
