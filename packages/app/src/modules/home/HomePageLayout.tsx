import { Content, Header, Page } from '@backstage/core-components';
import type { HomePageLayoutProps } from '@backstage/plugin-home-react/alpha';
import { Grid } from '@material-ui/core';
import { cloneElement, useMemo } from 'react';
import { useGreeting } from './useGreeting';
import { WidgetCard } from './WidgetCard';
import { orderWidgets, widgetTourId } from './widgetOrder';

/**
 * Vigil's home page: a greeting and the installed widgets in a fixed,
 * responsive grid (one column on small screens, two from `md`), each in an
 * InfoCard titled with the widget's title. Not an editable grid: everyone
 * sees the same useful page on their first visit.
 */
export function HomePageLayout(props: HomePageLayoutProps) {
  const { widgets } = props;
  const greeting = useGreeting();
  const ordered = useMemo(() => orderWidgets(widgets), [widgets]);
  return (
    <Page themeId="home">
      <Header
        title={greeting}
        pageTitleOverride="Home"
        subtitle="Your services, SLOs at risk, open incidents and your action items"
      />
      <Content>
        <Grid container spacing={3} alignItems="stretch">
          {ordered.map(widget => (
            <Grid
              item
              xs={12}
              md={6}
              key={widget.node.spec.id}
              data-testid="home-widget"
              data-widget-name={widget.name}
              data-tour={widgetTourId(widget.name)}
            >
              {cloneElement(widget.component, {
                title: widget.title,
                Renderer: WidgetCard,
              })}
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
