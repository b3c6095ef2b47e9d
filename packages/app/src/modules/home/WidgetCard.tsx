import { InfoCard } from '@backstage/core-components';
import type { RendererProps } from '@backstage/plugin-home-react';

/**
 * How the home page layout draws a widget (the `Renderer` of
 * plugin-home-react's card extensions): an InfoCard titled with the widget's
 * title that fills its grid cell, so that cards in a row have equal heights.
 * Widget settings are not offered: the layout is fixed, not a user's grid.
 */
export function WidgetCard(props: RendererProps & Record<string, unknown>) {
  const {
    title,
    Content,
    Actions,
    Settings: _settings,
    ContextProvider,
    ...contentProps
  } = props;
  const card = (
    <InfoCard
      title={title}
      divider={!!title}
      variant="gridItem"
      actions={Actions ? <Actions /> : undefined}
    >
      <Content {...contentProps} />
    </InfoCard>
  );
  return ContextProvider ? (
    <ContextProvider {...contentProps}>{card}</ContextProvider>
  ) : (
    card
  );
}
