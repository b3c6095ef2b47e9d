import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { ReportProblemButton } from '@vigil/frontend-kit';
import { useCallback, useEffect } from 'react';
import { type Banner, useBanners } from './useAlerts';

const useStyles = makeStyles(theme => ({
  stack: {
    position: 'fixed',
    top: theme.spacing(2),
    left: '50%',
    transform: 'translateX(-50%)',
    zIndex: theme.zIndex.snackbar,
    width: 'min(640px, calc(100vw - 32px))',
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
}));

function BannerItem(props: {
  banner: Banner;
  timeoutMs: number;
  dismiss: (key: number) => void;
}) {
  const { banner, timeoutMs, dismiss } = props;
  const onClose = useCallback(() => dismiss(banner.key), [dismiss, banner.key]);
  useEffect(() => {
    if (!banner.transient) return undefined;
    const timer = setTimeout(onClose, timeoutMs);
    return () => clearTimeout(timer);
  }, [banner.transient, timeoutMs, onClose]);
  return (
    <Alert
      severity={banner.severity}
      onClose={onClose}
      data-testid={`alert-banner-${banner.severity}`}
      action={
        banner.severity === 'error' ? (
          <ReportProblemButton
            variant="text"
            error={banner.error ?? new Error(banner.message)}
          />
        ) : undefined
      }
    >
      {banner.message}
      {banner.description && <Box>{banner.description}</Box>}
    </Alert>
  );
}

/**
 * The app's alert display (replacing plugin-app's `app/alert-display`):
 * alerts and toasts as banners at the top; failed requests and other
 * errors offer "Report this problem", with the error the app posted.
 */
export function AlertDisplay(props: { transientTimeoutMs?: number }) {
  const classes = useStyles();
  const { banners, dismiss } = useBanners();
  if (banners.length === 0) return null;
  return (
    <Box className={classes.stack} role="status">
      {banners.map(banner => (
        <BannerItem
          key={banner.key}
          banner={banner}
          timeoutMs={props.transientTimeoutMs ?? 5000}
          dismiss={dismiss}
        />
      ))}
    </Box>
  );
}
