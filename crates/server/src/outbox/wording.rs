//! What an activation email says: composed when a customer is created or a resend is asked for,
//! and queued by the store in the same transaction.

use domain::Customer;

use crate::store::{NewEmail, Reseller};

/// The activation email to the customer's notify addresses, with a fresh activation link.
pub fn activation_email(reseller: &Reseller, customer: &Customer, public_url: &str) -> NewEmail {
    let token = crate::util::random_hex(16);
    let link = format!("{}/activate/{token}", public_url.trim_end_matches('/'));
    let subject = format!(
        "Activate Microsoft 365 backup for {}",
        customer.organization_name
    );
    let body = format!(
        "Hello,\n\n\
         {reseller} has set up Microsoft 365 backup for {org}.\n\n\
         To start protecting your data, register your organisation's Microsoft 365 domain here:\n\
         {link}\n\n\
         Storage: {storage}. User licenses: {licenses}.\n\n\
         If you were not expecting this email, you can ignore it.\n",
        reseller = reseller.name,
        org = customer.organization_name,
        storage = crate::messages::storage_type_label(customer.storage_type),
        licenses = customer.user_licenses,
    );
    NewEmail {
        recipients: customer.notify_emails.clone(),
        subject,
        body,
        activation_token: token,
    }
}
