"""exchangelib against the demo tenant, with only its token URL and EWS endpoint changed.

Reads its settings from the environment (DEMO_EWS_URL, DEMO_TOKEN_URL, DEMO_TENANT_ID,
DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_SENDER, DEMO_RECIPIENT, DEMO_SUBJECT); the demo CA is
trusted through REQUESTS_CA_BUNDLE, which requests honours for exchangelib's and the token
client's sessions alike. Prints one JSON object: the version guessed, what was sent, the inbox.
"""

import json
import os
import sys

from exchangelib import (
    IMPERSONATION,
    Account,
    Configuration,
    HTMLBody,
    Mailbox,
    Message,
    OAuth2Credentials,
)


class DemoTenantCredentials(OAuth2Credentials):
    """Client credentials whose token URL is the demo tenant's instead of login.microsoftonline.com."""

    @property
    def token_url(self):
        return os.environ["DEMO_TOKEN_URL"]


def main():
    env = os.environ
    credentials = DemoTenantCredentials(
        client_id=env["DEMO_CLIENT_ID"],
        client_secret=env["DEMO_CLIENT_SECRET"],
        tenant_id=env["DEMO_TENANT_ID"],
    )
    config = Configuration(service_endpoint=env["DEMO_EWS_URL"], credentials=credentials)
    sender = Account(
        env["DEMO_SENDER"], config=config, autodiscover=False, access_type=IMPERSONATION
    )
    # The version exchangelib guessed from the server's ServerVersionInfo on its first request.
    version = sender.version
    message = Message(
        account=sender,
        subject=env["DEMO_SUBJECT"],
        body=HTMLBody("<p>Sent by exchangelib to the demo tenant.</p>"),
        to_recipients=[Mailbox(email_address=env["DEMO_RECIPIENT"])],
    )
    message.send_and_save()
    reader = Account(
        env["DEMO_RECIPIENT"], config=config, autodiscover=False, access_type=IMPERSONATION
    )
    newest = [
        {
            "subject": item.subject,
            "sender": item.sender.email_address if item.sender else None,
            "received": item.datetime_received.isoformat() if item.datetime_received else None,
            "is_read": item.is_read,
            "body": str(item.body) if item.body is not None else None,
            "mime_bytes": len(item.mime_content or b""),
        }
        for item in reader.inbox.all().order_by("-datetime_received")[:5]
    ]
    json.dump(
        {
            "exchangelib": __import__("exchangelib").__version__,
            "version": {"build": str(version.build), "api_version": version.api_version},
            "sent": env["DEMO_SUBJECT"],
            "inbox": newest,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
