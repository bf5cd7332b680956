# What differs between environments; everything else is linked from ../../env-common.
locals {
  environment = "prod"

  # What makes prod prod: nothing is destroyed by accident, and the lake remembers longer.
  settings = {
    force_destroy               = false
    kms_deletion_window_in_days = 30
    log_retention_in_days       = 365
    quarantine_expiration_days  = 180
    stream_retention_hours      = 168
    glue_number_of_workers      = 4
    deletion_protection         = true
    glue_timeout_minutes        = 180
    # prod alarms must reach someone: notification_emails, or the explicit no_notification_recipients opt-out.
    require_notification_recipients = true
    bytes_scanned_cutoff            = 100 * 1024 * 1024 * 1024
  }
}
