# What differs between environments; everything else is linked from ../../env-common.
locals {
  environment = "dev"

  # What makes dev dev: cheap to throw away, short memory.
  settings = {
    force_destroy               = true
    kms_deletion_window_in_days = 7
    log_retention_in_days       = 14
    quarantine_expiration_days  = 30
    stream_retention_hours      = 24
    glue_number_of_workers      = 2
    deletion_protection         = false
    glue_timeout_minutes        = 60
    # dev alarms still publish to the ops topic; with no notification_emails nobody is mailed.
    require_notification_recipients = false
    bytes_scanned_cutoff            = 10 * 1024 * 1024 * 1024
  }
}
